export const id=9510;export const ids=[9510];export const modules={25995:((e,t,n)=>{n.d(t,{a:()=>c,b:()=>l});var r=n(98995),i=n(14223),a=n(62590);(0,r.createRequire)(import.meta.url);var o={name:`rev`,summary:`reverse lines characterwise`,usage:`rev [file ...]`,description:`Copies the specified files to standard output, reversing the order of characters in every line. If no files are specified, standard input is read.`,examples:[`echo 'hello' | rev     # Output: olleh`,`rev file.txt           # Reverse each line in file`]};function s(e){return Array.from(e).reverse().join(``)}var c={name:`rev`,execute:async(e,t)=>{if((0,a.b)(e))return(0,a.a)(o);let n=[];for(let t of e)if(t===`--`){let r=e.indexOf(t);n.push(...e.slice(r+1));break}else{if(t.startsWith(`-`)&&t!==`-`)return(0,a.c)(`rev`,t);n.push(t)}let r=``,c=e=>{let t=e.split(`
`),n=e.endsWith(`
`)&&t[t.length-1]===``;return n&&t.pop(),t.map(s).join(`
`)+(n?`
`:``)};if(n.length===0)r=c((0,i.d)(t.stdin)??``);else for(let e of n)if(e===`-`){let e=(0,i.d)(t.stdin)??``;r+=c(e)}else{let n=t.fs.resolvePath(t.cwd,e),i=await t.fs.readFile(n);if(i===null)return{exitCode:1,stdout:r,stderr:`rev: ${e}: No such file or directory
`};r+=c(i)}return{exitCode:0,stdout:r,stderr:``}}},l={name:`rev`,flags:[],stdinType:`text`,needsFiles:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),69510:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,rev:()=>i.a});var r=n(98995),i=n(25995);n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};