// A question asking for a detail (a day, a percentage, how to apply) is answered from passages that hold one, and
// otherwise told plainly that the plan does not give it, with the topic one tap away, rather than a passage that
// looks like an answer and is not one.
import { afterAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { loadKnowledge } from '../../src/knowledge.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { MINI_PLAN_TEXT, makeContentDir, removeContentDirs } from '../support/fixture-content.js';
import { knowledge } from '../support/knowledge.js';

afterAll(() => removeContentDirs());

const ask = async (bot: Bot, text: string) => bot.handle({ platform: 'console', workspace: 'w', conversation: text, user: 'u', text, messageId: '1' });

describe('detail asks on the real plan, which gives no such details', () => {
  const bot = new Bot({ knowledge: knowledge(), store: new MemoryStore() });

  it.each([
    ['《数据安全法》是哪一天开始施行的?', '规划里没有具体日期'],
    ['When does the data security law take effect?', '规划里没有具体日期'],
    ['规划给5G用户普及率定的具体百分比是多少?', '规划里没有具体百分比'],
    ['申报国家数字乡村试点要交哪些材料,截止时间是哪天?', '规划里没有申报条件和材料、牵头和受理部门、截止时间、联系电话这类办理细节'],
    ['智慧养老服务的补贴申请热线电话是多少?', '规划里没有申报条件和材料、牵头和受理部门、截止时间、联系电话这类办理细节'],
    ['规划里5G基站到2025年要建成多少个?', '规划里没有具体数量'],
    ['数商兴农工程中央财政给多少补贴?', '规划里没有具体数量'],
    ['天目网应急卫星星座计划发射多少颗卫星?', '规划里没有具体数量'],
    ['6G預計哪一年正式商用?', '规划里没有具体年份'],
    ['揭榜挂帅项目一般能拿到多少奖金?', '规划里没有具体数量'],
    ['国家公共数据开放平台的网址是多少?', '规划里没有申报条件和材料、牵头和受理部门、截止时间、联系电话这类办理细节'],
    ['国家数字乡村试点第二批名单里有哪些县?', '规划里没有具体城市或地区'],
    ['中小企业数字化转型补贴去哪里申请?', '规划里没有申报条件和材料、牵头和受理部门、截止时间、联系电话这类办理细节'],
    ['乡村4G覆盖率到2025年要达到百分之几?', '规划里没有具体百分比'],
    ['人工智能社会治理实验具体放在哪些城市试点?', '规划里没有具体城市或地区'],
    ['Which cities will pilot the smart elderly care services?', '规划里没有具体城市或地区'],
    ['软件名城评选需要满足哪些申报条件?', '规划里没有申报条件和材料、牵头和受理部门、截止时间、联系电话这类办理细节'],
    ['国家计量数据建设和应用试点由哪个部门牵头?', '规划里没有申报条件和材料、牵头和受理部门、截止时间、联系电话这类办理细节'],
  ])('%s → %s, with the topic suggested', async (q, title) => {
    const r = await ask(bot, q);
    expect(r.title).toBe(title);
    expect(r.results).toEqual([]);
    const suggestion = r.actions?.find((a) => a.type === 'suggest');
    expect(suggestion?.value).toBeTruthy();
    // the suggestion is a question the plan answers
    expect((await ask(bot, suggestion!.value)).results.length).toBeGreaterThan(0);
  });

  it('a year ask is answered from a goal that gives the year', async () => {
    const r = await ask(bot, '数字乡村哪一年要取得重要进展');
    expect(r.results[0]?.title).toBe('数字乡村发展行动 · 行动目标');
    expect(r.title).not.toContain('一年');
  });

  it('a place ask is answered from the passage that names the places', async () => {
    const r = await ask(bot, '水生态环境系统治理信息化示范区在哪些地方?');
    expect(r.results[0]?.title).toBe('打造智慧高效的生态环境数字化治理体系。');
    expect(r.results[0]?.text).toContain('长江经济带、黄河流域、成渝双城经济圈');
  });

  it('a question on the same topic without a detail ask is answered as before', async () => {
    const r = await ask(bot, '数据安全');
    expect(r.results.length).toBeGreaterThan(0);
  });
});

describe('detail asks on a plan that gives them', () => {
  const plan = MINI_PLAN_TEXT.replace('近海养殖区水质在线监测站点覆盖率明显提高', '近海养殖区水质在线监测站点覆盖率达到85%').replace(
    '建设海底观测站点。',
    '建设海底观测站点120个。《海洋牧场观测管理办法》自2021年9月1日起施行。',
  );
  const bot = new Bot({ knowledge: loadKnowledge(makeContentDir({ 'mini-plan.txt': plan })), store: new MemoryStore() });

  it('answers a percentage or a date from the passage that holds it', async () => {
    const pct = await ask(bot, '水质在线监测站点覆盖率的具体百分比是多少');
    expect(pct.results[0]?.text).toContain('85%');
    const day = await ask(bot, '海洋牧场观测管理办法哪一天开始施行');
    expect(day.results[0]?.text).toContain('2021年9月1日');
    const built = await ask(bot, '海底观测站点要建成多少个');
    expect(built.results[0]?.text).toContain('120个');
    // "要达到多少" is answered by a share too
    const reached = await ask(bot, '水质在线监测站点覆盖率要达到多少');
    expect(reached.results[0]?.text).toContain('85%');
  });

  it('never answers how to apply from a plan', async () => {
    const r = await ask(bot, '海洋牧场观测站点申报要交哪些材料');
    expect(r.results).toEqual([]);
    expect(r.title).toContain('办理细节');
  });
});
