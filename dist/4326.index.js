export const id=4326;export const ids=[4326];export const modules={9776:((e,t,n)=>{n.d(t,{a:()=>o,b:()=>s});var r=n(98995),i=n(62590);(0,r.createRequire)(import.meta.url);var a={name:`dirname`,summary:`strip last component from file name`,usage:`dirname [OPTION] NAME...`,options:[`    --help       display this help and exit`]},o={name:`dirname`,async execute(e,t){if((0,i.b)(e))return(0,i.a)(a);let n=e.filter(e=>!e.startsWith(`-`));if(n.length===0)return{stdout:``,stderr:`dirname: missing operand
`,exitCode:1};let r=[];for(let e of n){let t=e.replace(/\/+$/,``),n=t.lastIndexOf(`/`);n===-1?r.push(`.`):n===0?r.push(`/`):r.push(t.slice(0,n))}return{stdout:`${r.join(`
`)}
`,stderr:``,exitCode:0}}},s={name:`dirname`,flags:[],needsArgs:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),94326:((e,t,n)=>{n.r(t),n.d(t,{dirnameCommand:()=>i.a,flagsForFuzzing:()=>i.b});var r=n(98995),i=n(9776);n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};