export const id=8794;export const ids=[8794];export const modules={29081:((e,t,n)=>{n.d(t,{a:()=>d,b:()=>f});var r=n(98995),i=n(14223),a=n(62590);(0,r.createRequire)(import.meta.url);var o={name:`unexpand`,summary:`convert spaces to tabs`,usage:`unexpand [OPTION]... [FILE]...`,description:`Convert blanks in each FILE to TABs, writing to standard output. If no FILE is specified, standard input is read.`,options:[`-t N        Use N spaces per tab (default: 8)`,`-t LIST     Use comma-separated list of tab stops`,`-a          Convert all sequences of blanks (not just leading)`],examples:[`unexpand file.txt           # Convert leading spaces to tabs`,`unexpand -a file.txt        # Convert all space sequences`,`unexpand -t 4 file.txt      # Use 4-space tabs`]};function s(e){let t=e.split(`,`).map(e=>e.trim()),n=[];for(let e of t){let t=parseInt(e,10);if(Number.isNaN(t)||t<1)return null;n.push(t)}for(let e=1;e<n.length;e++)if(n[e]<=n[e-1])return null;return n}function c(e,t){if(t.length===1){let n=t[0];return e+(n-e%n)}for(let n of t)if(n>e)return n;if(t.length>=2){let n=t[t.length-1]-t[t.length-2],r=t[t.length-1];return r+(Math.floor((e-r)/n)+1)*n}return-1}function l(e,t){let{tabStops:n,allBlanks:r}=t,i=``,a=0,o=``,s=0,l=!0,u=()=>{if(o.length===0)return;let e=s+o.length;if(!r&&!l){i+=o,o=``;return}let t=s,a=``;for(;t<e;){let r=c(t,n);if(r<=e&&r>t)a+=`	`,t=r;else break}let u=e-t;u>0&&(a+=` `.repeat(u)),i+=a,o=``};for(let t of e)t===` `?(o.length===0&&(s=a),o+=t,a++):t===`	`?(u(),i+=t,a=c(a,n)):(u(),i+=t,a++,l=!1);return u(),i}function u(e,t){if(e===``)return``;let n=e.split(`
`),r=e.endsWith(`
`)&&n[n.length-1]===``;return r&&n.pop(),n.map(e=>l(e,t)).join(`
`)+(r?`
`:``)}var d={name:`unexpand`,execute:async(e,t)=>{if((0,a.b)(e))return(0,a.a)(o);let n={tabStops:[8],allBlanks:!1},r=[],c=0;for(;c<e.length;){let t=e[c];if(t===`-t`&&c+1<e.length){let t=s(e[c+1]);if(!t)return{exitCode:1,stdout:``,stderr:`unexpand: invalid tab size: '${e[c+1]}'
`};n.tabStops=t,c+=2}else if(t.startsWith(`-t`)&&t.length>2){let e=s(t.slice(2));if(!e)return{exitCode:1,stdout:``,stderr:`unexpand: invalid tab size: '${t.slice(2)}'
`};n.tabStops=e,c++}else if(t===`--tabs`&&c+1<e.length){let t=s(e[c+1]);if(!t)return{exitCode:1,stdout:``,stderr:`unexpand: invalid tab size: '${e[c+1]}'
`};n.tabStops=t,c+=2}else if(t.startsWith(`--tabs=`)){let e=s(t.slice(7));if(!e)return{exitCode:1,stdout:``,stderr:`unexpand: invalid tab size: '${t.slice(7)}'
`};n.tabStops=e,c++}else if(t===`-a`||t===`--all`)n.allBlanks=!0,c++;else if(t===`--`){r.push(...e.slice(c+1));break}else{if(t.startsWith(`-`)&&t!==`-`)return(0,a.c)(`unexpand`,t);r.push(t),c++}}let l=``;if(r.length===0)l=u((0,i.d)(t.stdin)??``,n);else for(let e of r){let r=t.fs.resolvePath(t.cwd,e),i=await t.fs.readFile(r);if(i===null)return{exitCode:1,stdout:l,stderr:`unexpand: ${e}: No such file or directory
`};l+=u(i,n)}return{exitCode:0,stdout:l,stderr:``}}},f={name:`unexpand`,flags:[{flag:`-t`,type:`value`,valueHint:`number`},{flag:`-a`,type:`boolean`}],stdinType:`text`,needsFiles:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),38794:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,unexpand:()=>i.a});var r=n(98995),i=n(29081);n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};