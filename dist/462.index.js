export const id=462;export const ids=[462];export const modules={24698:((e,t,n)=>{n.d(t,{a:()=>f,b:()=>p});var r=n(98995),i=n(74048),a=n(14223),o=n(62590);(0,r.createRequire)(import.meta.url);var s={name:`expand`,summary:`convert tabs to spaces`,usage:`expand [OPTION]... [FILE]...`,description:`Convert TABs in each FILE to spaces, writing to standard output. If no FILE is specified, standard input is read.`,options:[`-t N        Use N spaces per tab (default: 8)`,`-t LIST     Use comma-separated list of tab stops`,`-i          Only convert leading tabs on each line`],examples:[`expand file.txt             # Convert all tabs to 8 spaces`,`expand -t 4 file.txt        # Use 4-space tabs`,`expand -t 4,8,12 file.txt   # Custom tab stops`]};function c(e,t,n){let r=e.split(`,`).map(e=>e.trim());if(r.length>n)return null;let i=[];for(let e of r){let n=/^\d+$/.test(e)?Number(e):NaN;if(!Number.isSafeInteger(n)||n<1||n>t)return null;i.push(n)}for(let e=1;e<i.length;e++)if(i[e]<=i[e-1])return null;return i}function l(e,t){if(t.length===1){let n=t[0];return n-e%n}for(let n of t)if(n>e)return n-e;if(t.length>=2){let n=t[t.length-1]-t[t.length-2],r=t[t.length-1];return r+(Math.floor((e-r)/n)+1)*n-e}return 1}function u(e,t,n){let{tabStops:r,leadingOnly:o}=t,s=``,c=0,u=!0,d=0;for(let t of e)if(t===`	`){if(o&&!u){if(d+1>n)throw new i.l(`expand: output size limit exceeded (${n} bytes)`,`output_size`);s+=t,d++,c++}else{let e=l(c,r);if(e>n-d)throw new i.l(`expand: output size limit exceeded (${n} bytes)`,`output_size`);s+=` `.repeat(e),d+=e,c+=e}}else{t!==` `&&t!==`	`&&(u=!1);let e=(0,a.a)(t);if(e>n-d)throw new i.l(`expand: output size limit exceeded (${n} bytes)`,`output_size`);s+=t,d+=e,c++}return s}function d(e,t,n){if(e===``)return``;let r=e.split(`
`),o=e.endsWith(`
`)&&r[r.length-1]===``;o&&r.pop();let s=[],c=0;for(let e of r){let r=+(s.length>0),i=u(e,t,n-c-r);c+=r+(0,a.a)(i),s.push(i)}if(o&&c+1>n)throw new i.l(`expand: output size limit exceeded (${n} bytes)`,`output_size`);return s.join(`
`)+(o?`
`:``)}var f={name:`expand`,execute:async(e,t)=>{if((0,o.b)(e))return(0,o.a)(s);let n={tabStops:[8],leadingOnly:!1},r=[],i=Math.min(t.limits.maxStringLength,t.limits.maxOutputSize),l=t.limits.maxArrayElements,u=0;for(;u<e.length;){let t=e[u];if(t===`-t`&&u+1<e.length){let t=c(e[u+1],i,l);if(!t)return{exitCode:1,stdout:``,stderr:`expand: invalid tab size: '${e[u+1]}'
`};n.tabStops=t,u+=2}else if(t.startsWith(`-t`)&&t.length>2){let e=c(t.slice(2),i,l);if(!e)return{exitCode:1,stdout:``,stderr:`expand: invalid tab size: '${t.slice(2)}'
`};n.tabStops=e,u++}else if(t===`--tabs`&&u+1<e.length){let t=c(e[u+1],i,l);if(!t)return{exitCode:1,stdout:``,stderr:`expand: invalid tab size: '${e[u+1]}'
`};n.tabStops=t,u+=2}else if(t.startsWith(`--tabs=`)){let e=c(t.slice(7),i,l);if(!e)return{exitCode:1,stdout:``,stderr:`expand: invalid tab size: '${t.slice(7)}'
`};n.tabStops=e,u++}else if(t===`-i`||t===`--initial`)n.leadingOnly=!0,u++;else if(t===`--`){r.push(...e.slice(u+1));break}else{if(t.startsWith(`-`)&&t!==`-`)return(0,o.c)(`expand`,t);r.push(t),u++}}let f=``;if(r.length===0)f=d((0,a.d)(t.stdin)??``,n,i);else for(let e of r){let r=t.fs.resolvePath(t.cwd,e),o=await t.fs.readFile(r);if(o===null)return{exitCode:1,stdout:f,stderr:`expand: ${e}: No such file or directory
`};f+=d(o,n,i-(0,a.a)(f))}return{exitCode:0,stdout:f,stderr:``}}},p={name:`expand`,flags:[{flag:`-t`,type:`value`,valueHint:`number`},{flag:`-i`,type:`boolean`}],stdinType:`text`,needsFiles:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),10462:((e,t,n)=>{n.r(t),n.d(t,{expand:()=>i.a,flagsForFuzzing:()=>i.b});var r=n(98995),i=n(24698);n(85651),n(74048),n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};