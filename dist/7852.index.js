export const id=7852;export const ids=[7852];export const modules={62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),85942:((e,t,n)=>{n.d(t,{a:()=>r}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=e.match(/^(\d+\.?\d*)(s|m|h|d)?$/);if(!t)return null;let n=parseFloat(t[1]);switch(t[2]||`s`){case`s`:return n*1e3;case`m`:return n*60*1e3;case`h`:return n*60*60*1e3;case`d`:return n*24*60*60*1e3;default:return null}}}),82091:((e,t,n)=>{n.d(t,{a:()=>u,b:()=>d});var r=n(98995),i=n(85942),a=n(46289),o=n(93491),s=n(50703),c=n(62590);(0,r.createRequire)(import.meta.url);var l={name:`timeout`,summary:`run a command with a time limit`,usage:`timeout [OPTION] DURATION COMMAND [ARG]...`,description:`Start COMMAND, and kill it if still running after DURATION.

DURATION is a number with optional suffix:
  s - seconds (default)
  m - minutes
  h - hours
  d - days`,options:[`-k, --kill-after=DURATION  send KILL signal after DURATION if still running`,`-s, --signal=SIGNAL        specify signal to send (default: TERM)`,`    --preserve-status      exit with same status as COMMAND, even on timeout`,`    --foreground           run command in foreground`,`    --help                 display this help and exit`]},u={name:`timeout`,async execute(e,t){if((0,c.b)(e))return(0,c.a)(l);let n=0;for(let t=0;t<e.length;t++){let r=e[t];if(r===`--preserve-status`)n=t+1;else if(r===`--foreground`)n=t+1;else if(r===`-k`||r===`--kill-after`)t++,n=t+1;else if(r.startsWith(`--kill-after=`))n=t+1;else if(r===`-s`||r===`--signal`)t++,n=t+1;else if(r.startsWith(`--signal=`))n=t+1;else{if(r.startsWith(`--`)&&r!==`--`)return(0,c.c)(`timeout`,r);if(r.startsWith(`-`)&&r.length>1&&r!==`--`){if(r.startsWith(`-k`))n=t+1;else if(r.startsWith(`-s`))n=t+1;else return(0,c.c)(`timeout`,r)}else{n=t;break}}}let r=e.slice(n);if(r.length===0)return{stdout:``,stderr:`timeout: missing operand
`,exitCode:1};let u=r[0],d=(0,i.a)(u);if(d===null)return{stdout:``,stderr:`timeout: invalid time interval '${u}'
`,exitCode:1};let f=r.slice(1);if(f.length===0)return{stdout:``,stderr:`timeout: missing operand
`,exitCode:1};if(!t.exec)return{stdout:``,stderr:`timeout: exec not available
`,exitCode:1};let p=new AbortController,m=(0,a.a)(t.signal,p.signal),h,g;try{let e=new Promise(e=>{g=()=>e({timedOut:!0}),m.signal?.addEventListener(`abort`,g,{once:!0}),h=(0,o.a)(()=>{p.abort()},d)}),n=t.exec((0,s.a)([f[0]]),{cwd:t.cwd,signal:m.signal,stdin:t.stdin,stdinKind:`bytes`,args:f.slice(1)}).then(e=>({timedOut:!1,result:e})),r=await Promise.race([e,n]);return r.timedOut?(await n.catch(()=>{}),{stdout:``,stderr:``,exitCode:124}):r.result}finally{h!==void 0&&(0,o.b)(h),g&&m.signal?.removeEventListener(`abort`,g),m.cleanup()}}},d={name:`timeout`,flags:[{flag:`-k`,type:`value`,valueHint:`string`},{flag:`-s`,type:`value`,valueHint:`string`},{flag:`--preserve-status`,type:`boolean`},{flag:`--foreground`,type:`boolean`}],needsArgs:!0,minArgs:2}}),27852:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,timeoutCommand:()=>i.a});var r=n(98995),i=n(82091);n(85942),n(46289),n(93491),n(50703),n(64864),n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};