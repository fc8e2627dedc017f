export const id=7074;export const ids=[7074];export const modules={62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),53120:((e,t,n)=>{n.d(t,{a:()=>u,b:()=>d});var r=n(98995),i=n(14223),a=n(62590);(0,r.createRequire)(import.meta.url);var o={name:`fold`,summary:`wrap each input line to fit in specified width`,usage:`fold [OPTION]... [FILE]...`,description:`Wrap input lines in each FILE, writing to standard output. If no FILE is specified, standard input is read.`,options:[`-w WIDTH    Use WIDTH columns instead of 80`,`-s          Break at spaces`,`-b          Count bytes rather than columns`],examples:[`fold -w 40 file.txt           # Wrap at 40 columns`,`fold -sw 40 file.txt          # Word wrap at 40 columns`,`echo 'long line' | fold -w 5  # Force wrap at 5`]};function s(e,t,n){return n?(0,i.a)(e):e===`	`?8-t%8:e===`\b`?-1:1}function c(e,t){if(e.length===0)return e;let{width:n,breakAtSpaces:r,countBytes:i}=t,a=[],o=``,c=0,l=-1,u=0;for(let t of e){let e=s(t,c,i);c+e>n&&o.length>0?r&&l>=0?(a.push(o.slice(0,l+1)),o=o.slice(l+1)+t,c=c-u-1+e,l=-1,u=0):(a.push(o),o=t,c=e,l=-1,u=0):(o+=t,c+=e,(t===` `||t===`	`)&&(l=o.length-1,u=c-e))}return o.length>0&&a.push(o),a.join(`
`)}function l(e,t){if(e===``)return``;let n=e.split(`
`),r=e.endsWith(`
`)&&n[n.length-1]===``;return r&&n.pop(),n.map(e=>c(e,t)).join(`
`)+(r?`
`:``)}var u={name:`fold`,execute:async(e,t)=>{if((0,a.b)(e))return(0,a.a)(o);let n={width:80,breakAtSpaces:!1,countBytes:!1},r=[],s=0;for(;s<e.length;){let t=e[s];if(t===`-w`&&s+1<e.length){let t=parseInt(e[s+1],10);if(Number.isNaN(t)||t<1)return{exitCode:1,stdout:``,stderr:`fold: invalid number of columns: '${e[s+1]}'
`};n.width=t,s+=2}else if(t.startsWith(`-w`)&&t.length>2){let e=parseInt(t.slice(2),10);if(Number.isNaN(e)||e<1)return{exitCode:1,stdout:``,stderr:`fold: invalid number of columns: '${t.slice(2)}'
`};n.width=e,s++}else if(t===`-s`)n.breakAtSpaces=!0,s++;else if(t===`-b`)n.countBytes=!0,s++;else if(t===`-bs`||t===`-sb`)n.breakAtSpaces=!0,n.countBytes=!0,s++;else if(t.match(/^-[sb]+w\d+$/)){t.includes(`s`)&&(n.breakAtSpaces=!0),t.includes(`b`)&&(n.countBytes=!0);let e=t.replace(/^-[sb]+w/,``),r=parseInt(e,10);if(Number.isNaN(r)||r<1)return{exitCode:1,stdout:``,stderr:`fold: invalid number of columns: '${e}'
`};n.width=r,s++}else if(t.match(/^-[sb]+w$/)&&s+1<e.length){t.includes(`s`)&&(n.breakAtSpaces=!0),t.includes(`b`)&&(n.countBytes=!0);let r=parseInt(e[s+1],10);if(Number.isNaN(r)||r<1)return{exitCode:1,stdout:``,stderr:`fold: invalid number of columns: '${e[s+1]}'
`};n.width=r,s+=2}else if(t===`--`){r.push(...e.slice(s+1));break}else if(t.startsWith(`-`)&&t!==`-`){let e=t.slice(1),r=!1;for(let t of e)if(t===`s`)n.breakAtSpaces=!0;else if(t===`b`)n.countBytes=!0;else{r=!0;break}if(r)return(0,a.c)(`fold`,t);s++}else r.push(t),s++}let c=``;if(r.length===0)c=l((0,i.d)(t.stdin)??``,n);else for(let e of r){let r=t.fs.resolvePath(t.cwd,e),i=await t.fs.readFile(r);if(i===null)return{exitCode:1,stdout:c,stderr:`fold: ${e}: No such file or directory
`};c+=l(i,n)}return{exitCode:0,stdout:c,stderr:``}}},d={name:`fold`,flags:[{flag:`-w`,type:`value`,valueHint:`number`},{flag:`-s`,type:`boolean`},{flag:`-b`,type:`boolean`}],stdinType:`text`,needsFiles:!0}}),97074:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,fold:()=>i.a});var r=n(98995),i=n(53120);n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};