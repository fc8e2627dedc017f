export const id=4030;export const ids=[4030];export const modules={99860:((e,t,n)=>{n.d(t,{a:()=>c,b:()=>d});var r=n(98995),i=n(58493),a=n(62590);(0,r.createRequire)(import.meta.url);var o={name:`tree`,summary:`list contents of directories in a tree-like format`,usage:`tree [OPTION]... [DIRECTORY]...`,options:[`-a          include hidden files`,`-d          list directories only`,`-L LEVEL    limit depth of directory tree`,`-f          print full path prefix for each file`,`    --help  display this help and exit`]},s={showHidden:{short:`a`,type:`boolean`},directoriesOnly:{short:`d`,type:`boolean`},fullPath:{short:`f`,type:`boolean`},maxDepth:{short:`L`,type:`number`}},c={name:`tree`,async execute(e,t){if((0,a.b)(e))return(0,a.a)(o);let n=(0,i.a)(`tree`,e,s);if(!n.ok)return n.error;let r={showHidden:n.result.flags.showHidden,directoriesOnly:n.result.flags.directoriesOnly,maxDepth:n.result.flags.maxDepth??null,fullPath:n.result.flags.fullPath},c=n.result.positional;c.length===0&&c.push(`.`);let u=``,d=``,f=0,p=0;for(let e of c){let n=await l(t,e,r,``,0);u+=n.output,d+=n.stderr,f+=n.dirCount,p+=n.fileCount}return u+=`
${f} director${f===1?`y`:`ies`}`,r.directoriesOnly||(u+=`, ${p} file${p===1?``:`s`}`),u+=`
`,{stdout:u,stderr:d,exitCode:+!!d}}};async function l(e,t,n,r,i){let a={output:``,stderr:``,dirCount:0,fileCount:0},o=e.fs.resolvePath(e.cwd,t);try{if(!(await e.fs.stat(o)).isDirectory)return a.output=`${t}
`,a.fileCount=1,a}catch{return a.stderr=`tree: ${t}: No such file or directory
`,a}if(a.output=`${t}
`,n.maxDepth!==null&&i>=n.maxDepth)return a;try{let t=[];if(e.fs.readdirWithFileTypes)t=(await e.fs.readdirWithFileTypes(o)).map(e=>({name:e.name,isDirectory:e.isDirectory}));else{let n=await e.fs.readdir(o);for(let r=0;r<n.length;r+=100){let i=n.slice(r,r+100),a=await Promise.all(i.map(async t=>{let n=o===`/`?`/${t}`:`${o}/${t}`;try{return{name:t,isDirectory:(await e.fs.stat(n)).isDirectory}}catch{return null}}));t.push(...a.filter(e=>e!==null))}}let s=t.filter(e=>!(!n.showHidden&&e.name.startsWith(`.`)||n.directoriesOnly&&!e.isDirectory));s.sort((e,t)=>e.name.localeCompare(t.name));for(let t=0;t<s.length;t++){let c=s[t],l=o===`/`?`/${c.name}`:`${o}/${c.name}`,d=t===s.length-1,f=d?"`-- ":`|-- `,p=r+(d?`    `:`|   `);if(c.isDirectory){a.dirCount++;let t=n.fullPath?l:c.name;if(a.output+=`${r+f+t}
`,n.maxDepth===null||i+1<n.maxDepth){let t=await u(e,l,n,p,i+1);a.output+=t.output,a.dirCount+=t.dirCount,a.fileCount+=t.fileCount}}else{a.fileCount++;let e=n.fullPath?l:c.name;a.output+=`${r+f+e}
`}}}catch{a.stderr=`tree: ${t}: Permission denied
`}return a}async function u(e,t,n,r,i){let a={output:``,stderr:``,dirCount:0,fileCount:0};if(n.maxDepth!==null&&i>=n.maxDepth)return a;try{let o=[];if(e.fs.readdirWithFileTypes)o=(await e.fs.readdirWithFileTypes(t)).map(e=>({name:e.name,isDirectory:e.isDirectory}));else{let n=await e.fs.readdir(t);for(let r=0;r<n.length;r+=100){let i=n.slice(r,r+100),a=await Promise.all(i.map(async n=>{let r=t===`/`?`/${n}`:`${t}/${n}`;try{return{name:n,isDirectory:(await e.fs.stat(r)).isDirectory}}catch{return null}}));o.push(...a.filter(e=>e!==null))}}let s=o.filter(e=>!(!n.showHidden&&e.name.startsWith(`.`)||n.directoriesOnly&&!e.isDirectory));s.sort((e,t)=>e.name.localeCompare(t.name));for(let o=0;o<s.length;o++){let c=s[o],l=t===`/`?`/${c.name}`:`${t}/${c.name}`,d=o===s.length-1,f=d?"`-- ":`|-- `,p=r+(d?`    `:`|   `);if(c.isDirectory){a.dirCount++;let t=n.fullPath?l:c.name;a.output+=`${r+f+t}
`;let o=await u(e,l,n,p,i+1);a.output+=o.output,a.dirCount+=o.dirCount,a.fileCount+=o.fileCount}else{a.fileCount++;let e=n.fullPath?l:c.name;a.output+=`${r+f+e}
`}}}catch{}return a}var d={name:`tree`,flags:[{flag:`-a`,type:`boolean`},{flag:`-d`,type:`boolean`},{flag:`-f`,type:`boolean`},{flag:`-L`,type:`value`,valueHint:`number`}],needsFiles:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}};o[u]=d===`number`?parseInt(r,10):r;break}}}}return{ok:!0,result:{flags:o,positional:s}}}}),14030:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,treeCommand:()=>i.a});var r=n(98995),i=n(99860);n(1379),n(58493),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};