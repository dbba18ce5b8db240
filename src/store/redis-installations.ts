import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';
import { StoredInstallation, type ForgottenWorkspace } from './installation.js';
import type { InstallationRecords } from './installation-store.js';
import { parseStored } from './parse-stored.js';
import type { CorruptHandler } from './store.js';

/** Records read per MGET and keys deleted per DEL: bounded replies however many there are. */
const BATCH = 500;

/**
 * Installations on Redis: inst:{id} (the record, JSON, tokens sealed) and insts (the set of ids); and forgetting a
 * workspace through its conversations index wsconv:{platform}:{workspace} (see redis-context-script.ts).
 */
export class RedisInstallations implements InstallationRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly onCorrupt: CorruptHandler,
  ) {}

  async putInstallation(inst: StoredInstallation) {
    const s = StoredInstallation.parse(inst);
    await this.redis.multi().set(this.keys.installation(s.id), JSON.stringify(s)).sadd(this.keys.installations(), s.id).exec();
  }
  async getInstallation(id: string) {
    const k = this.keys.installation(id);
    const r = parseStored(k, await this.redis.get(k), StoredInstallation, this.onCorrupt);
    if (r && r.id !== id) {
      this.onCorrupt(k, `record names installation ${r.id}`);
      return null;
    }
    return r;
  }
  async deleteInstallation(id: string) {
    const [[, deleted] = []] = (await this.redis.multi().del(this.keys.installation(id)).srem(this.keys.installations(), id).exec()) ?? [];
    return Number(deleted) > 0;
  }
  async listInstallations() {
    const out: StoredInstallation[] = [];
    let cursor = '0';
    do {
      const [next, ids] = await this.redis.sscan(this.keys.installations(), cursor, 'COUNT', BATCH);
      cursor = next;
      if (ids.length === 0) continue;
      const raws = await this.redis.mget(ids.map((id) => this.keys.installation(id)));
      ids.forEach((id, i) => {
        const r = parseStored(this.keys.installation(id), raws[i], StoredInstallation, this.onCorrupt);
        if (r) out.push(r);
      });
    } while (cursor !== '0');
    return out.sort((a, b) => a.installedAt.localeCompare(b.installedAt) || a.id.localeCompare(b.id));
  }
  async countInstallations() {
    return this.redis.scard(this.keys.installations());
  }
  async forgetWorkspace(platform: string, workspace: string): Promise<ForgottenWorkspace> {
    const index = this.keys.workspaceConversations(platform, workspace);
    let conversations = 0;
    // members are taken off the index as they are deleted, so a forget that is cut off resumes where it stopped
    for (;;) {
      const parts = await this.redis.zrange(index, '0', String(BATCH - 1));
      if (parts.length === 0) break;
      await this.redis.multi().del(...parts.flatMap((p) => this.keys.conversationKeysOf(p))).zrem(index, ...parts).exec();
      conversations += parts.length;
    }
    await this.redis.del(index);
    return { conversations };
  }
}
