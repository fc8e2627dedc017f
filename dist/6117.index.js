export const id=6117;export const ids=[6117];export const modules={10560:((e,t,n)=>{n.d(t,{a:()=>s,b:()=>c});var r=n(98995),i=n(14223),a=n(62590);(0,r.createRequire)(import.meta.url);var o={name:`comm`,summary:`compare two sorted files line by line`,usage:`comm [OPTION]... FILE1 FILE2`,options:[`-1             suppress column 1 (lines unique to FILE1)`,`-2             suppress column 2 (lines unique to FILE2)`,`-3             suppress column 3 (lines that appear in both files)`,`    --help     display this help and exit`]},s={name:`comm`,async execute(e,t){if((0,a.b)(e))return(0,a.a)(o);let n=!1,r=!1,s=!1,c=[];for(let t of e)if(t===`-1`)n=!0;else if(t===`-2`)r=!0;else if(t===`-3`)s=!0;else if(t===`-12`||t===`-21`)n=!0,r=!0;else if(t===`-13`||t===`-31`)n=!0,s=!0;else if(t===`-23`||t===`-32`)r=!0,s=!0;else if(t===`-123`||t===`-132`||t===`-213`||t===`-231`||t===`-312`||t===`-321`)n=!0,r=!0,s=!0;else{if(t.startsWith(`-`)&&t!==`-`)return(0,a.c)(`comm`,t);c.push(t)}if(c.length!==2)return{stdout:``,stderr:`comm: missing operand
Try 'comm --help' for more information.
`,exitCode:1};let l=async e=>{if(e===`-`)return(0,i.d)(t.stdin);try{let n=t.fs.resolvePath(t.cwd,e);return await t.fs.readFile(n)}catch{return null}},u=await l(c[0]);if(u===null)return{stdout:``,stderr:`comm: ${c[0]}: No such file or directory
`,exitCode:1};let d=await l(c[1]);if(d===null)return{stdout:``,stderr:`comm: ${c[1]}: No such file or directory
`,exitCode:1};let f=u.split(`
`),p=d.split(`
`);f.length>0&&f[f.length-1]===``&&f.pop(),p.length>0&&p[p.length-1]===``&&p.pop();let m=0,h=0,g=``,_=n?``:`	`,v=(n?``:`	`)+(r?``:`	`);for(;m<f.length||h<p.length;)m>=f.length?(r||(g+=`${_}${p[h]}
`),h++):h>=p.length||f[m]<p[h]?(n||(g+=`${f[m]}
`),m++):f[m]>p[h]?(r||(g+=`${_}${p[h]}
`),h++):(s||(g+=`${v}${f[m]}
`),m++,h++);return{stdout:g,stderr:``,exitCode:0}}},c={name:`comm`,flags:[{flag:`-1`,type:`boolean`},{flag:`-2`,type:`boolean`},{flag:`-3`,type:`boolean`}],needsArgs:!0,minArgs:2}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),26117:((e,t,n)=>{n.r(t),n.d(t,{commCommand:()=>i.a,flagsForFuzzing:()=>i.b});var r=n(98995),i=n(10560);n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};