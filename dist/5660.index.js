export const id=5660;export const ids=[5660];export const modules={86075:((e,t,n)=>{n.d(t,{a:()=>o});var r=n(98995),i=n(64864),a=n(74048);(0,r.createRequire)(import.meta.url);function o(e){if(e instanceof a.l||e instanceof a.m||e instanceof i.a)throw e}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),35660:((e,t,n)=>{n.r(t),n.d(t,{fileCommand:()=>i.a,flagsForFuzzing:()=>i.b});var r=n(98995),i=n(47156);n(86075),n(64864),n(68361),n(74048),n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};