export const id=7066;export const ids=[7066];export const modules={87066:((e,t,n)=>{n.r(t),n.d(t,{formatOutputsForConsole:()=>a});var r=n(82245);let i=`    `;function a(e,t={}){let n=t.dryRun??e.applied.some(e=>e.dryRun),r=[];if(e.applied.length>0){let t=n?`Outputs (dry run: nothing was posted):`:`Outputs applied:`,i=e.applied.map(e=>{let t=e.url?` → ${e.url}`:``,n=s(e.output);return`  ${o(e.output)}${t}${n===``?``:`\n${n}`}`});r.push([t,...i].join(`
`))}return e.rejected.length>0&&r.push([`Rejected by the outputs policy:`,...e.rejected.map(e=>`  ${e.kind} (${e.id}): ${e.reason}`)].join(`
`)),e.failed.length>0&&r.push([`Failed to apply:`,...e.failed.map(e=>`  ${e.kind} (${e.id}): ${e.message}`)].join(`
`)),r.join(`

`)}function o(e){switch(e.kind){case`add_comment`:return`comment:`;case`add_labels`:return`add labels: ${e.labels.join(`, `)}`;case`remove_labels`:return`remove labels: ${e.labels.join(`, `)}`;case`submit_review`:{let t=e.comments.length;return`review (${e.event}, ${t} ${(0,r.L)(t,`inline comment`)}):`}case`propose_change`:{let t=e.changes.files.length,n=e.onPullRequest===`suggestions`?`, as suggestions on a pull request`:``;return`change (${t} ${(0,r.L)(t,`file`)}${n}): ${e.title}`}}}function s(e){switch(e.kind){case`add_comment`:return c(e.body,i);case`add_labels`:case`remove_labels`:return``;case`submit_review`:{let t=e.body.trim()===``?[]:[c(e.body,i)];for(let n of e.comments)t.push(`${i}${n.path}:${n.line}\n${c(n.body,`${i}  `)}`);return t.join(`
`)}case`propose_change`:{let t=e.changes.files.map(e=>`${i}${e.status} ${e.path} (+${e.additions} -${e.deletions})`);return[c(e.body,i),...t].join(`
`)}}}function c(e,t){return e.split(`
`).map(e=>e===``?``:`${t}${e}`).join(`
`)}})};