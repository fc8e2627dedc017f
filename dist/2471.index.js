export const id=2471;export const ids=[2471];export const modules={52471:((e,t,n)=>{n.r(t),n.d(t,{bashCommand:()=>i.a,flagsForFuzzing:()=>i.c,shCommand:()=>i.b,shFlagsForFuzzing:()=>i.d});var r=n(98995),i=n(59982);n(78025),n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)}),59982:((e,t,n)=>{n.d(t,{a:()=>c,b:()=>l,c:()=>d,d:()=>f});var r=n(98995),i=n(78025),a=n(14223),o=n(62590);(0,r.createRequire)(import.meta.url);var s={name:`bash`,summary:`execute shell commands or scripts`,usage:`bash [OPTIONS] [SCRIPT_FILE] [ARGUMENTS...]`,options:[`-c COMMAND  execute COMMAND string`,`    --help  display this help and exit`],notes:[`Without -c, reads and executes commands from SCRIPT_FILE.`,`Arguments are passed as $1, $2, etc. to the script.`,`$0 is set to the script name (or "bash" with -c).`]},c={name:`bash`,async execute(e,t){if((0,o.b)(e))return(0,o.a)(s);if(e[0]===`-c`&&e.length>=2){let n=e[1];return u(n,e[2]||`bash`,e.slice(3),t)}if(e.length===0){let e=(0,a.d)(t.stdin);return e.trim()?u(e,`bash`,[],t):{stdout:``,stderr:``,exitCode:0}}let n=e[0],r=e.slice(1);try{let e=t.fs.resolvePath(t.cwd,n);return u(await t.fs.readFile(e),n,r,t)}catch{return{stdout:``,stderr:`bash: ${n}: No such file or directory
`,exitCode:127}}}},l={name:`sh`,async execute(e,t){if((0,o.b)(e))return(0,o.a)({...s,name:`sh`,summary:`execute shell commands or scripts (POSIX shell)`});if(e[0]===`-c`&&e.length>=2){let n=e[1];return u(n,e[2]||`sh`,e.slice(3),t)}if(e.length===0){let e=(0,a.d)(t.stdin);return e.trim()?u(e,`sh`,[],t):{stdout:``,stderr:``,exitCode:0}}let n=e[0],r=e.slice(1);try{let e=t.fs.resolvePath(t.cwd,n);return u(await t.fs.readFile(e),n,r,t)}catch{return{stdout:``,stderr:`sh: ${n}: No such file or directory
`,exitCode:127}}}};async function u(e,t,n,r){if(!r.exec)return{stdout:``,stderr:`bash: internal error: exec function not available
`,exitCode:1};let a=(0,i.c)(r.exportedEnv||{},{0:t,"#":String(n.length),"@":n.join(` `),"*":n.join(` `)});n.forEach((e,t)=>{a[String(t+1)]=e});let o=e;if(o.startsWith(`#!`)){let e=o.indexOf(`
`);e!==-1&&(o=o.slice(e+1))}let s=r.execWithInheritedStdin;return s?await s(o,{env:a,cwd:r.cwd,signal:r.signal}):await r.exec(o,{env:a,cwd:r.cwd,stdin:r.stdin,stdinKind:`bytes`,signal:r.signal})}var d={name:`bash`,flags:[{flag:`-c`,type:`value`,valueHint:`string`}],stdinType:`text`},f={name:`sh`,flags:[{flag:`-c`,type:`value`,valueHint:`string`}],stdinType:`text`}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}})};