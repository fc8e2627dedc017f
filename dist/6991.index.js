export const id=6991;export const ids=[6991];export const modules={96991:((e,t,n)=>{n.r(t),n.d(t,{basenameCommand:()=>i.a,flagsForFuzzing:()=>i.b});var r=n(98995),i=n(27403);n(62590),n(30046),(0,r.createRequire)(import.meta.url)}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),27403:((e,t,n)=>{n.d(t,{a:()=>o,b:()=>s});var r=n(98995),i=n(62590);(0,r.createRequire)(import.meta.url);var a={name:`basename`,summary:`strip directory and suffix from filenames`,usage:`basename NAME [SUFFIX]
basename OPTION... NAME...`,options:[`-a, --multiple   support multiple arguments`,`-s, --suffix=SUFFIX  remove a trailing SUFFIX`,`    --help       display this help and exit`]},o={name:`basename`,async execute(e,t){if((0,i.b)(e))return(0,i.a)(a);let n=!1,r=``,o=[];for(let t=0;t<e.length;t++){let i=e[t];i===`-a`||i===`--multiple`?n=!0:i===`-s`&&t+1<e.length?(r=e[++t],n=!0):i.startsWith(`--suffix=`)?(r=i.slice(9),n=!0):i.startsWith(`-`)||o.push(i)}if(o.length===0)return{stdout:``,stderr:`basename: missing operand
`,exitCode:1};!n&&o.length>=2&&(r=o.pop()??``);let s=[];for(let e of o){let t=e.replace(/\/+$/,``),n=t.split(`/`).pop()||t;r&&n.endsWith(r)&&(n=n.slice(0,-r.length)),s.push(n)}return{stdout:`${s.join(`
`)}
`,stderr:``,exitCode:0}}},s={name:`basename`,flags:[{flag:`-a`,type:`boolean`},{flag:`-s`,type:`value`,valueHint:`string`}],needsArgs:!0}})};