import autocannon from 'autocannon';
import { createHmac } from 'node:crypto';
const SECRET = 'benchsigningsecret0123456789abcdef';
const TOPICS = ['应急管理', '数据治理', '养老', '数字乡村', '网络安全', '数字政府', '人工智能', '专栏14'];
const ts = String(Math.floor(Date.now() / 1000));
const reqs = TOPICS.flatMap((t, i) => [0, 1, 2, 3].map((u) => { const body = new URLSearchParams({ team_id: 'T0B', channel_id: 'C0B', user_id: `U0B${i}${u}`, command: '/plan', text: t, response_url: 'https://hooks.slack.com/x/y', trigger_id: '1.1' }).toString(); return { method: 'POST', path: '/slack/events', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex') }, body }; }));
let n = 0;
const r = await autocannon({ url: `http://127.0.0.1:${process.argv[2]}`, connections: 32, duration: Number(process.argv[3] ?? 5), requests: [{ method: 'POST', path: '/slack/events', setupRequest: (req: any) => ({ ...req, ...reqs[n++ % reqs.length] }) }] });
console.log(r.requests.average, r.latency.p99, r.non2xx, r.errors);
