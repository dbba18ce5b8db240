import type { Redis } from 'ioredis';

/**
 * What in this Redis's settings can lose plan-bot's data, each with what to set (read at start by serve): an
 * eviction policy other than noeviction (BullMQ requires noeviction; evicted subscriptions vanish silently), and
 * neither AOF nor RDB snapshots (a restart empties Redis). Throws when CONFIG is refused (managed Redis).
 */
export async function durabilityProblems(redis: Redis): Promise<string[]> {
  const read = async (name: string) => {
    const pair = (await redis.call('CONFIG', 'GET', name)) as string[];
    return pair[1] ?? '';
  };
  const [policy, aof, save] = [await read('maxmemory-policy'), await read('appendonly'), await read('save')];
  const problems: string[] = [];
  if (policy !== 'noeviction') problems.push(`maxmemory-policy is ${policy}: Redis may evict subscriptions and BullMQ's keys under memory pressure; set maxmemory-policy noeviction`);
  if (aof !== 'yes' && save.trim() === '') problems.push('neither AOF (appendonly no) nor RDB snapshots (save "") are on: a Redis restart loses every subscription; set appendonly yes and appendfsync everysec');
  return problems;
}
