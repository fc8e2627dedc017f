export const id=8331;export const ids=[8331];export const modules={4978:((e,t,n)=>{n.d(t,{a:()=>f,b:()=>m});var r=n(98995),i=n(86075),a=n(68361),o=n(74048),s=n(14223),c=n(58493),l=n(62590);(0,r.createRequire)(import.meta.url);var u={name:`paste`,summary:`merge lines of files`,usage:`paste [OPTION]... [FILE]...`,description:[`Write lines consisting of the sequentially corresponding lines from`,`each FILE, separated by TABs, to standard output.`,``,`With no FILE, or when FILE is -, read standard input.`],options:[`-d, --delimiters=LIST   reuse characters from LIST instead of TABs`,`-s, --serial            paste one file at a time instead of in parallel`,`    --help              display this help and exit`],examples:[`paste file1 file2       Merge file1 and file2 side by side`,`paste -d, file1 file2   Use comma as delimiter`,`paste -s file1          Paste all lines of file1 on one line`,`paste - - < file        Paste pairs of lines from file`]},d={delimiter:{short:`d`,long:`delimiters`,type:`string`,default:`	`},serial:{short:`s`,long:`serial`,type:`boolean`}},f={name:`paste`,async execute(e,t){if((0,l.b)(e))return(0,l.a)(u);let n=(0,c.a)(`paste`,e,d);if(!n.ok)return n.error;let r=n.result.flags.delimiter,f=n.result.flags.serial,m=n.result.positional;if(m.length>t.limits.maxArrayElements)throw new o.l(`paste: file operand limit exceeded (${t.limits.maxArrayElements})`,`array_elements`);if((0,s.a)(r)>t.limits.maxStringLength)throw new o.l(`paste: delimiter size limit exceeded (${t.limits.maxStringLength} bytes)`,`string_length`);if(m.length===0)return{stdout:``,stderr:`usage: paste [-s] [-d delimiters] file ...
`,exitCode:1};let h=(0,s.d)(t.stdin),g=h?h.split(`
`):[``];g.length>0&&g[g.length-1]===``&&g.pop();let _=m.filter(e=>e===`-`).length,v=[],y=0,b=(0,s.a)(h),x=e=>{if(e.length>t.limits.maxArrayElements-y)throw new o.l(`paste: line limit exceeded (${t.limits.maxArrayElements})`,`array_elements`);y+=e.length,t.executionScope?.consumeWork(e.length,`paste lines`)},S=0;for(let e of m)if(e===`-`){let e=[];for(let t=S;t<g.length;t+=_)e.push(g[t]);x(e),v.push(e),S++}else{let n=t.fs.resolvePath(t.cwd,e);try{let e=await t.fs.readFile(n),r=(0,s.a)(e);if(r>t.limits.maxInputBytes-b)throw new o.l(`paste: aggregate input size limit exceeded (${t.limits.maxInputBytes} bytes)`,`string_length`);b+=r,t.executionScope?.consumeInput(r,`paste`);let i=e.split(`
`);i.length>0&&i[i.length-1]===``&&i.pop(),x(i),v.push(i)}catch(t){return(0,i.a)(t),{stdout:``,stderr:`paste: ${e}: No such file or directory
`,exitCode:1}}}let C=new a.d(Math.min(t.limits.maxOutputSize,t.limits.maxStringLength),`paste`);if(f)for(let e of v)e&&C.append(`${p(e,r)}
`);else{let e=0;for(let t of v)e=Math.max(e,t?.length??0);for(let t=0;t<e;t++){let e=[];for(let n of v)e.push(n?.[t]??``);C.append(`${p(e,r)}
`)}}return{stdout:C.build(),stderr:``,exitCode:0}}};function p(e,t){if(e.length===0)return``;if(e.length===1)return e[0];if(t.length===0)return e.join(``);let n=e[0];for(let r=1;r<e.length;r++){let i=(r-1)%t.length;n+=t[i]+e[r]}return n}var m={name:`paste`,flags:[{flag:`-d`,type:`value`,valueHint:`delimiter`},{flag:`-s`,type:`boolean`}],stdinType:`text`,needsFiles:!0}}),86075:((e,t,n)=>{n.d(t,{a:()=>o});var r=n(98995),i=n(64864),a=n(74048);(0,r.createRequire)(import.meta.url);function o(e){if(e instanceof a.l||e instanceof a.m||e instanceof i.a)throw e}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

`;if(t+=`Usage: ${e.usage}
`,e.description){if(t+=`
Description:
`,typeof e.description==`string`)for(let n of e.description.split(`
`))t+=n?`  ${n}
`:`
`;else if(e.description.length>0)for(let n of e.description)t+=n?`  ${n}
`:`
`}if(e.options&&e.options.length>0){t+=`
Options:
`;for(let n of e.options)t+=`  ${n}
`}if(e.examples&&e.examples.length>0){t+=`
Examples:
`;for(let n of e.examples)t+=`  ${n}
`}if(e.notes&&e.notes.length>0){t+=`
Notes:
`;for(let n of e.notes)t+=`  ${n}
`}return{stdout:t,stderr:``,exitCode:0}}function i(e){return e.includes(`--help`)}function a(e,t){return{stdout:``,stderr:t.startsWith(`--`)?`${e}: unrecognized option '${t}'
`:`${e}: invalid option -- '${t.replace(/^-/,``)}'
`,exitCode:1}}}),58493:((e,t,n)=>{n.d(t,{a:()=>a});var r=n(98995),i=n(62590);(0,r.createRequire)(import.meta.url);function a(e,t,n){let r=new Map,a=new Map;for(let[e,t]of Object.entries(n)){let n={name:e,type:t.type};t.short&&r.set(t.short,n),t.long&&a.set(t.long,n)}let o=Object.create(null);for(let[e,t]of Object.entries(n))t.default===void 0?t.type===`boolean`&&(o[e]=!1):o[e]=t.default;let s=[],c=!1;for(let n=0;n<t.length;n++){let l=t[n];if(c||!l.startsWith(`-`)||l===`-`){s.push(l);continue}if(l===`--`){c=!0;continue}if(l.startsWith(`--`)){let r=l.indexOf(`=`),s,c;r===-1?s=l.slice(2):(s=l.slice(2,r),c=l.slice(r+1));let u=a.get(s);if(!u)return{ok:!1,error:(0,i.c)(e,l)};let{name:d,type:f}=u;if(f===`boolean`)o[d]=!0;else{if(c===void 0){if(n+1>=t.length)return{ok:!1,error:{stdout:``,stderr:`${e}: option '--${s}' requires an argument
`,exitCode:1}};c=t[++n]}o[d]=f===`number`?parseInt(c,10):c}}else{let a=l.slice(1);for(let s=0;s<a.length;s++){let c=a[s],l=r.get(c);if(!l)return{ok:!1,error:(0,i.c)(e,`-${c}`)};let{name:u,type:d}=l;if(d===`boolean`)o[u]=!0;else{let r;if(s+1<a.length)r=a.slice(s+1);else if(n+1<t.length)r=t[++n];else return{ok:!1,error:{stdout:``,stderr:`${e}: option requires an argument -- '${c}'
`,exitCode:1}};o[u]=d===`number`?parseInt(r,10):r;break}}}}return{ok:!0,result:{flags:o,positional:s}}}}),98331:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,pasteCommand:()=>i.a});var r=n(98995),i=n(4978);n(86075),n(64864),n(68361),n(74048),n(14223),n(58493),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};