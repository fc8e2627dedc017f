export const id=108;export const ids=[108];export const modules={3196:((e,t,n)=>{n.d(t,{a:()=>o,b:()=>s});var r=n(98995),i=n(62590);(0,r.createRequire)(import.meta.url);var a={name:`clear`,summary:`clear the terminal screen`,usage:`clear [OPTIONS]`,options:[`    --help display this help and exit`]},o={name:`clear`,async execute(e,t){return(0,i.b)(e)?(0,i.a)(a):{stdout:`\x1B[2J\x1B[H`,stderr:``,exitCode:0}}},s={name:`clear`,flags:[]}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),108:((e,t,n)=>{n.r(t),n.d(t,{clearCommand:()=>i.a,flagsForFuzzing:()=>i.b});var r=n(98995),i=n(3196);n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};