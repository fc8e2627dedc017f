export const id=4656;export const ids=[4656];export const modules={38582:((e,t,n)=>{n.d(t,{H:()=>a,b:()=>i});var r=n(32631);let i=`The log has no end event: the run was killed, or is still running. Figures are what it had spent so far.`;function a(e){let t=e.events.findLast(e=>e.type===`end`);return{end:t,status:t?.status??`unfinished`,totals:t?.totals??(0,r.k)(e).totals,resumes:e.events.filter(e=>e.type===`resume`).length,toolCounts:o(e.events),outputs:s(e.events)}}function o(e){let t=new Map;for(let n of e)n.type===`tool_call`&&t.set(n.name,(t.get(n.name)??0)+1);return[...t].sort((e,t)=>t[1]-e[1]||(e[0]<t[0]?-1:+(e[0]>t[0])))}function s(e){let t=new Map,n=(e,n)=>{let r=t.get(e);return r||t.set(e,r={id:e,kind:n,state:`proposed`}),r};for(let t of e){if(t.type===`output_proposed`&&(n(t.id,t.output.kind).output=t.output),t.type===`output_applied`){let{dryRun:e,url:r,output:i,note:a}=t;Object.assign(n(t.id,t.kind),{state:`applied`,dryRun:e,url:r,sent:i,note:a})}t.type===`output_rejected`&&Object.assign(n(t.id,t.kind),{state:`rejected`,reason:t.reason})}return[...t.values()]}}),81003:((e,t,n)=>{n.d(t,{a:()=>a,g:()=>i});var r=n(77625);function i(e){let t=[];for(let n of e)(0,r.u)(n)&&(n.type===`text`&&typeof n.text==`string`&&n.text.trim()!==``&&t.push({kind:`text`,text:n.text.trim()}),n.type===`thinking`&&typeof n.thinking==`string`&&t.push({kind:`thinking`,chars:n.thinking.length}));return t}function a(e){let t=[];for(let n of e)if(!(!(0,r.u)(n)||n.role!==`user`)&&(typeof n.content==`string`&&t.push(n.content),Array.isArray(n.content)))for(let e of n.content)(0,r.u)(e)&&e.type===`text`&&typeof e.text==`string`&&t.push(e.text);return t.map(e=>e.trim()).filter(e=>e!==``)}}),64656:((e,t,n)=>{n.r(t),n.d(t,{renderHtml:()=>f});var r=n(38582),i=n(81003),a=n(96747);class o{value;constructor(e){this.value=e}toString(){return this.value}}let s={"&":`&amp;`,"<":`&lt;`,">":`&gt;`,'"':`&quot;`,"'":`&#39;`},c=e=>e.replace(/[&<>"']/g,e=>s[e]??e);function l(e,...t){let n=e[0]??``;return t.forEach((t,r)=>{n+=u(t)+(e[r+1]??``)}),new o(n)}function u(e){return e instanceof o?e.value:Array.isArray(e)?e.map(u).join(``):e==null||e===!1?``:c(String(e))}var d=n(82245);function f(e){let t=(0,r.H)(e),n=new Map,i=new Set;for(let t of e.events)t.type===`tool_result`&&n.set(t.id,t),t.type===`tool_call`&&i.add(t.id);let a=e=>e.type===`tool_result`&&i.has(e.id)?void 0:b(e,n),s=p(e.events).map(e=>_(e,a));return l`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>flue · ${e.header.agent} · ${t.status}</title>
<style>${new o(`
:root { color-scheme: light dark; --dim: #6a737d; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --line: #d0d7de; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: rgba(127,127,127,.08); padding: .5rem; margin: .25rem 0; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; }
.totals td { text-align: right; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; } dt { color: var(--dim); } dd { margin: 0; }
dd ul { margin: 0; padding: 0; list-style: none; }
.status { font-size: .9rem; padding: .1rem .5rem; border-radius: 1rem; color: #fff; background: var(--bad); vertical-align: middle; }
.status.succeeded { background: var(--ok); } .status.skipped { background: var(--dim); }
.dim, .label { color: var(--dim); } .label { font-size: .8rem; text-transform: uppercase; }
details { border-left: 3px solid var(--line); padding-left: .75rem; margin: .5rem 0; }
details.turn > summary { font-weight: 600; }
details.tool.ok { border-color: var(--ok); } details.tool.error, .event.error, .event.rejected { border-color: var(--bad); color: var(--bad); }
.event.limit, .event.warning { color: var(--warn); } .event.applied { color: var(--ok); } .event.resume { font-weight: bold; border-top: 2px dashed var(--warn); padding-top: .5em; }
summary { cursor: pointer; }
`)}</style>
</head>
<body>
${w([m(e.header,t),h(t.outputs),g(t),l`<h2>Transcript</h2>`,...s,S(e)])}
</body>
</html>
`.value}function p(e){let t=[{events:[]}];for(let n of e){if(n.type===`end`)continue;n.type===`model_request`&&t.push({request:n,events:[]});let e=t.at(-1);n.type===`model_response`&&!e.response?e.response=n:n.type!==`model_request`&&e.events.push(n)}return t.filter(e=>e.request||e.events.length)}function m(e,t){let{totals:n,end:i}=t,o=Object.entries(e.files).map(([e,t])=>l`<li><code>${e}</code> <span class="dim">${t.slice(0,12)}</span></li>`),s=i?i.reason:r.b,c=t.resumes??0,u=c?l`\n<dt>resumed</dt><dd>${c} ${(0,d.L)(c,`time`)} after an interruption (flue-action run --resume)</dd>`:void 0;return l`<header>
<h1>flue · ${e.agent} <span class="status ${t.status}">${t.status}</span></h1>
${s&&l`<p class="reason">${s}</p>`}
<table class="totals">
<tr>${a.wu.map(e=>l`<th>${e}</th>`)}</tr>
<tr>${(0,a.Rb)(n).map(e=>l`<td>${e}</td>`)}</tr>
</table>
<dl>
<dt>trigger</dt><dd>${(0,a.gb)(e.trigger)}</dd>
<dt>model</dt><dd>${e.model} (${e.modelClient})</dd>
<dt>session</dt><dd>${e.id}</dd>
<dt>started</dt><dd>${e.time}</dd>${u}
<dt>runner</dt><dd>flue-action ${e.runner.version} · node ${e.runner.node} · host ${e.runner.host}</dd>
<dt>files</dt><dd>${o.length?l`<ul>${o}</ul>`:`(none)`}</dd>
</dl>
</header>`}function h(e){if(!e.length)return;let t=e.map(e=>{let t=e.state===`applied`&&e.dryRun?`applied (dry run)`:e.state,n=e.reason?`: ${e.reason}`:e.note?`; ${e.note}`:``,r=e.sent??e.output,i=r?(0,a.hS)(r):``,o=e.url?l` ${C(e.url)}`:void 0,s=l`<td>${e.kind}</td><td>${t}${n}${o}</td><td>${i}</td>`;return l`<tr class="${e.state}">${s}</tr>`});return l`<h2>Outputs</h2>
<table class="outputs">
<tr><th>output</th><th>state</th><th>detail</th></tr>
${w(t)}
</table>`}function g({end:e}){if(!(!e||e.result===void 0&&!e.text))return w([l`<h2>Result</h2>`,e.result===void 0?void 0:l`<pre class="result">${JSON.stringify(e.result,null,2)}</pre>`,e.text?l`<pre class="text">${e.text}</pre>`:void 0])}function _(e,t){let n=w(e.events.map(t)),{request:r,response:o}=e;if(!r)return w([l`<div class="preamble">`,n,l`</div>`]);let s=r.agent?`${r.agent} · `:``,c=o?(0,a.Xg)(o):`no response`,{system:u}=r;return w([l`<details class="turn" open>`,l`<summary>${s}Turn ${r.turn} · request ${(0,a.z3)(r.bytes)} · ${c}</summary>`,u===void 0?void 0:v(u),r.tools?l`<p class="tools">Tools: ${r.tools.join(`, `)||`(none)`}</p>`:void 0,...(0,i.a)(r.messages).map(e=>l`<div class="user"><div class="label">User</div><pre>${e}</pre></div>`),o?y(o):void 0,n,l`</details>`])}function v(e){return l`<details class="system"><summary>${`System prompt (${(0,a.B4)(e.length)} chars)`}</summary><pre>${e}</pre></details>`}function y(e){let t=(0,i.g)(e.content);return t.length?l`<div class="model"><div class="label">Model</div>${t.map(e=>e.kind===`text`?l`<pre>${e.text}</pre>`:l`<p class="dim">(thinking, ${(0,a.B4)(e.chars)} chars)</p>`)}</div>`:void 0}function b(e,t){let n=e.agent?`${e.agent} · `:``;switch(e.type){case`tool_call`:return x(e,t.get(e.id));case`tool_result`:return x(void 0,e);case`output_proposed`:{let t=e.output.kind===`add_comment`?e.output.body:JSON.stringify(e.output,null,2);return l`<details class="event proposed"><summary>${`${n}Proposed ${e.output.kind} (${e.id}): ${(0,a.hS)(e.output)}`}</summary><pre>${t}</pre></details>`}case`output_applied`:{let t=e.dryRun?`, dry run: not posted`:``,n=e.url?l`: ${C(e.url)}`:void 0,r=e.note?`. Note: ${e.note}`:``;return l`<p class="event applied">Applied ${e.kind} (${e.id})${t}${n}${r}</p>`}case`output_rejected`:return l`<p class="event rejected">Rejected ${e.kind} (${e.id}): ${e.reason}</p>`;case`limit`:return l`<p class="event limit">${n}${(0,a.XW)(e)}</p>`;case`warning`:return l`<p class="event warning">${n}Warning: ${e.message}</p>`;case`resume`:return l`<p class="event resume">${(0,a.VB)(e)}</p>`;case`log`:return l`<div class="event log"><span class="label">${n}Log</span><pre>${e.message}</pre></div>`;case`error`:{let t=e.cause?l`<pre class="error">${e.cause}</pre>`:void 0;return l`<p class="event error">${n}Error: ${e.message}</p>${t}`}default:return}}function x(e,t){let n=e?.name??t?.name??``,r=(e??t)?.agent,i=r?`${r} · `:``,s=t?t.isError?`error`:`ok`:`pending`,c=t?s:`no result recorded`,u=t?` · ${(0,a.a3)(t.durationMs)}`:``,d=e?(0,a.nu)(e.name,e.input):`result`,f=s===`error`?new o(` open`):void 0;return w([l`<details class="tool ${s}"${f}>`,l`<summary>${i}<b>${n}</b> <code>${d}</code>${u} · ${c}</summary>`,e?l`<pre class="input">${JSON.stringify(e.input,null,2)??``}</pre>`:void 0,t?l`<pre class="output">${t.content||`(empty)`}</pre>`:void 0,l`</details>`])}function S(e){if(e.problems.length)return l`<h2>Log problems</h2>
<ul class="problems">${e.problems.map(e=>l`<li>${e}</li>`)}</ul>`}let C=e=>l`<a href="${/^https?:\/\//i.test(e)?e:`#`}">${e}</a>`,w=e=>new o(e.filter(e=>e!==void 0).map(e=>e.value).join(`
`))}),32631:((e,t,n)=>{n.d(t,{k:()=>r});function r(e){let t={turns:0,inputTokens:0,outputTokens:0,cacheReadTokens:0,cacheWriteTokens:0,costUsd:0,durationMs:0},n=0,r=Date.parse(e.header.time),a=r;for(let o of e.events){o.type===`resume`&&(t.durationMs+=i(r,a),r=Date.parse(o.time)),a=Date.parse(o.time);let e=/#(\d+)$/.exec(o.agent??``)?.[1];e!==void 0&&(n=Math.max(n,Number(e))),o.type===`model_response`&&(t.turns+=1,t.costUsd+=o.costUsd,t.inputTokens+=o.usage.inputTokens,t.outputTokens+=o.usage.outputTokens,t.cacheReadTokens+=o.usage.cacheReadTokens,t.cacheWriteTokens+=o.usage.cacheWriteTokens)}return t.durationMs+=i(r,a),{totals:t,tasks:n}}let i=(e,t)=>Number.isFinite(e)&&Number.isFinite(t)&&t>e?t-e:0})};