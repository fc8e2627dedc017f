export const id=4953;export const ids=[4953];export const modules={31460:((e,t,n)=>{n.d(t,{a:()=>s,b:()=>l,c:()=>u,d:()=>d});var r=n(98995),i=n(78025),a=n(62590);(0,r.createRequire)(import.meta.url);var o={name:`env`,summary:`run a program in a modified environment`,usage:`env [OPTION]... [NAME=VALUE]... [COMMAND [ARG]...]`,options:[`-i, --ignore-environment  start with an empty environment`,`-u NAME, --unset=NAME     remove NAME from the environment`,`    --help                display this help and exit`]},s={name:`env`,async execute(e,t){if((0,a.b)(e))return(0,a.a)(o);let n=!1,r=[],s=new Map,c=-1;for(let t=0;t<e.length;t++){let i=e[t];if(i===`-i`||i===`--ignore-environment`)n=!0;else if(i===`-u`&&t+1<e.length)r.push(e[++t]);else if(i.startsWith(`-u`))r.push(i.slice(2));else if(i.startsWith(`--unset=`))r.push(i.slice(8));else{if(i.startsWith(`--`)&&i!==`--`)return(0,a.c)(`env`,i);if(i.startsWith(`-`)&&i!==`-`){for(let e of i.slice(1))if(e!==`i`&&e!==`u`)return(0,a.c)(`env`,`-${e}`);i.includes(`i`)&&(n=!0)}else if(i.includes(`=`)&&c===-1){let e=i.indexOf(`=`),t=i.slice(0,e),n=i.slice(e+1);s.set(t,n)}else{c=t;break}}}let l;if(n)l=new Map(s);else{l=new Map(t.env);for(let e of r)l.delete(e);for(let[e,t]of s)l.set(e,t)}if(c===-1){let e=[];for(let[t,n]of l)e.push(`${t}=${n}`);return{stdout:e.join(`
`)+(e.length>0?`
`:``),stderr:``,exitCode:0}}if(!t.exec)return{stdout:``,stderr:`env: command execution not supported in this context
`,exitCode:1};let u=e.slice(c);return t.exec(`command`,{cwd:t.cwd,env:(0,i.a)(l),replaceEnv:!0,stdin:t.stdin,stdinKind:`bytes`,signal:t.signal,args:u})}},c={name:`printenv`,summary:`print all or part of environment`,usage:`printenv [OPTION]... [VARIABLE]...`,options:[`    --help       display this help and exit`]},l={name:`printenv`,async execute(e,t){if((0,a.b)(e))return(0,a.a)(c);let n=e.filter(e=>!e.startsWith(`-`));if(n.length===0){let e=[];for(let[n,r]of t.env)e.push(`${n}=${r}`);return{stdout:e.join(`
`)+(e.length>0?`
`:``),stderr:``,exitCode:0}}let r=[],i=0;for(let e of n){let n=t.env.get(e);n===void 0?i=1:r.push(n)}return{stdout:r.join(`
`)+(r.length>0?`
`:``),stderr:``,exitCode:i}}},u={name:`env`,flags:[{flag:`-i`,type:`boolean`},{flag:`-u`,type:`value`,valueHint:`string`}]},d={name:`printenv`,flags:[]}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),34953:((e,t,n)=>{n.r(t),n.d(t,{envCommand:()=>i.a,flagsForFuzzing:()=>i.c,printenvCommand:()=>i.b,printenvFlagsForFuzzing:()=>i.d});var r=n(98995),i=n(31460);n(78025),n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};