export const id=237;export const ids=[237];export const modules={62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),55791:((e,t,n)=>{n.d(t,{a:()=>s,b:()=>c});var r=n(98995),i=n(62590);(0,r.createRequire)(import.meta.url);var a={name:`history`,summary:`display command history`,usage:`history [n]`,options:[`-c      clear the history list`,`    --help display this help and exit`]},o=`BASH_HISTORY`,s={name:`history`,async execute(e,t){if((0,i.b)(e))return(0,i.a)(a);let n=t.env.get(o)||`[]`,r;try{r=JSON.parse(n)}catch{r=[]}if(e[0]===`-c`)return t.env.set(o,`[]`),{stdout:``,stderr:``,exitCode:0};let s=r.length;e[0]&&/^\d+$/.test(e[0])&&(s=Math.min(parseInt(e[0],10),r.length));let c=r.length-s,l=``;for(let e=c;e<r.length;e++){let t=(e+1).toString().padStart(5,` `);l+=`${t}  ${r[e]}
`}return{stdout:l,stderr:``,exitCode:0}}},c={name:`history`,flags:[{flag:`-c`,type:`boolean`}]}}),30237:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,historyCommand:()=>i.a});var r=n(98995),i=n(55791);n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};