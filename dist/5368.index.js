export const id=5368;export const ids=[5368];export const modules={15156:((e,t,n)=>{n.d(t,{a:()=>l,b:()=>u});var r=n(98995),i=n(85942),a=n(93491),o=n(62590);(0,r.createRequire)(import.meta.url);var s={name:`sleep`,summary:`delay for a specified amount of time`,usage:`sleep NUMBER[SUFFIX]`,description:`Pause for NUMBER seconds. SUFFIX may be:
  s - seconds (default)
  m - minutes
  h - hours
  d - days

NUMBER may be a decimal number.`,options:[`    --help display this help and exit`]},c=36e5,l={name:`sleep`,async execute(e,t){if((0,o.b)(e))return(0,o.a)(s);if(e.length===0)return{stdout:``,stderr:`sleep: missing operand
`,exitCode:1};let n=0;for(let t of e){let e=(0,i.a)(t);if(e===null)return{stdout:``,stderr:`sleep: invalid time interval '${t}'
`,exitCode:1};n+=e}if(n>c&&(n=c),t.signal?.aborted)return{stdout:``,stderr:``,exitCode:0};if(t.sleep){let e=Promise.resolve(t.sleep(n));if(t.signal){let n,r=new Promise(e=>{n=e,t.signal?.addEventListener(`abort`,n,{once:!0}),t.signal?.aborted&&e()});try{await Promise.race([e,r])}finally{n&&t.signal.removeEventListener(`abort`,n)}}else await e}else t.signal?await new Promise(e=>{let r=()=>{(0,a.b)(i),e()},i=(0,a.a)(()=>{t.signal?.removeEventListener(`abort`,r),e()},n);t.signal?.addEventListener(`abort`,r,{once:!0})}):await new Promise(e=>(0,a.a)(e,n));return{stdout:``,stderr:``,exitCode:0}}},u={name:`sleep`,flags:[],needsArgs:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),85942:((e,t,n)=>{n.d(t,{a:()=>r}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=e.match(/^(\d+\.?\d*)(s|m|h|d)?$/);if(!t)return null;let n=parseFloat(t[1]);switch(t[2]||`s`){case`s`:return n*1e3;case`m`:return n*60*1e3;case`h`:return n*60*60*1e3;case`d`:return n*24*60*60*1e3;default:return null}}}),85368:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,sleepCommand:()=>i.a});var r=n(98995),i=n(15156);n(85942),n(93491),n(64864),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};