export const id=2323;export const ids=[2323];export const modules={78567:((e,t,n)=>{n.d(t,{a:()=>d,b:()=>f});var r=n(98995),i=n(74048),a=n(14223),o=n(62590);(0,r.createRequire)(import.meta.url);var s={name:`nl`,summary:`number lines of files`,usage:`nl [OPTION]... [FILE]...`,description:`Write each FILE to standard output, with line numbers added. If no FILE is specified, standard input is read.`,options:[`-b STYLE     Body numbering style: a (all), t (non-empty), n (none)`,`-n FORMAT    Number format: ln (left), rn (right), rz (right zeros)`,`-w WIDTH     Number width (default: 6)`,`-s SEP       Separator after number (default: TAB)`,`-v START     Starting line number (default: 1)`,`-i INCR      Line number increment (default: 1)`],examples:[`nl file.txt              # Number non-empty lines`,`nl -ba file.txt          # Number all lines`,`nl -n rz -w 3 file.txt   # Right-justified with zeros`,`nl -s ': ' file.txt      # Use ': ' as separator`]};function c(e,t,n){let r=String(e);switch(t){case`ln`:return r.padEnd(n);case`rn`:return r.padStart(n);case`rz`:return r.padStart(n,`0`);default:return t}}function l(e,t){switch(t){case`a`:return!0;case`t`:return e.trim().length>0;case`n`:return!1;default:return t}}function u(e,t,n,r){if(e===``)return{output:``,nextNumber:n};let o=e.split(`
`),s=[],u=0,d=n,f=e.endsWith(`
`)&&o[o.length-1]===``;f&&o.pop();for(let e of o){let n=+(s.length>0),o=(0,a.a)(t.separator)+(0,a.a)(e);if(l(e,t.bodyStyle)){let a=Math.max(String(d).length,t.width)+o+n;if(a>r-u)throw new i.l(`nl: output size limit exceeded (${r} bytes)`,`output_size`);let l=`${c(d,t.numberFormat,t.width)}${t.separator}${e}`;s.push(l),u+=a,d+=t.increment}else{let a=t.width+o+n;if(a>r-u)throw new i.l(`nl: output size limit exceeded (${r} bytes)`,`output_size`);let c=`${` `.repeat(t.width)}${t.separator}${e}`;s.push(c),u+=a}}if(f&&u+1>r)throw new i.l(`nl: output size limit exceeded (${r} bytes)`,`output_size`);return{output:s.join(`
`)+(f?`
`:``),nextNumber:d}}var d={name:`nl`,execute:async(e,t)=>{if((0,o.b)(e))return(0,o.a)(s);let n={bodyStyle:`t`,numberFormat:`rn`,width:6,separator:`	`,startNumber:1,increment:1},r=[],i=Math.min(t.limits.maxStringLength,t.limits.maxOutputSize),c=i,l=0;for(;l<e.length;){let t=e[l];if(t===`-b`&&l+1<e.length){let t=e[l+1];if(t!==`a`&&t!==`t`&&t!==`n`)return{exitCode:1,stdout:``,stderr:`nl: invalid body numbering style: '${t}'
`};n.bodyStyle=t,l+=2}else if(t.startsWith(`-b`)){let e=t.slice(2);if(e!==`a`&&e!==`t`&&e!==`n`)return{exitCode:1,stdout:``,stderr:`nl: invalid body numbering style: '${e}'
`};n.bodyStyle=e,l++}else if(t===`-n`&&l+1<e.length){let t=e[l+1];if(t!==`ln`&&t!==`rn`&&t!==`rz`)return{exitCode:1,stdout:``,stderr:`nl: invalid line numbering format: '${t}'
`};n.numberFormat=t,l+=2}else if(t.startsWith(`-n`)){let e=t.slice(2);if(e!==`ln`&&e!==`rn`&&e!==`rz`)return{exitCode:1,stdout:``,stderr:`nl: invalid line numbering format: '${e}'
`};n.numberFormat=e,l++}else if(t===`-w`&&l+1<e.length){let t=/^\d+$/.test(e[l+1])?Number(e[l+1]):NaN;if(!Number.isSafeInteger(t)||t<1||t>i)return{exitCode:1,stdout:``,stderr:`nl: invalid line number field width: '${e[l+1]}'
`};n.width=t,l+=2}else if(t.startsWith(`-w`)){let e=/^\d+$/.test(t.slice(2))?Number(t.slice(2)):NaN;if(!Number.isSafeInteger(e)||e<1||e>i)return{exitCode:1,stdout:``,stderr:`nl: invalid line number field width: '${t.slice(2)}'
`};n.width=e,l++}else if(t===`-s`&&l+1<e.length)n.separator=e[l+1],l+=2;else if(t.startsWith(`-s`))n.separator=t.slice(2),l++;else if(t===`-v`&&l+1<e.length){let t=parseInt(e[l+1],10);if(Number.isNaN(t))return{exitCode:1,stdout:``,stderr:`nl: invalid starting line number: '${e[l+1]}'
`};n.startNumber=t,l+=2}else if(t.startsWith(`-v`)){let e=parseInt(t.slice(2),10);if(Number.isNaN(e))return{exitCode:1,stdout:``,stderr:`nl: invalid starting line number: '${t.slice(2)}'
`};n.startNumber=e,l++}else if(t===`-i`&&l+1<e.length){let t=parseInt(e[l+1],10);if(Number.isNaN(t))return{exitCode:1,stdout:``,stderr:`nl: invalid line number increment: '${e[l+1]}'
`};n.increment=t,l+=2}else if(t.startsWith(`-i`)){let e=parseInt(t.slice(2),10);if(Number.isNaN(e))return{exitCode:1,stdout:``,stderr:`nl: invalid line number increment: '${t.slice(2)}'
`};n.increment=e,l++}else if(t===`--`){r.push(...e.slice(l+1));break}else{if(t.startsWith(`-`)&&t!==`-`)return(0,o.c)(`nl`,t);r.push(t),l++}}let d=``,f=n.startNumber;if(r.length===0)d=u((0,a.d)(t.stdin)??``,n,f,c).output;else for(let e of r){let r=t.fs.resolvePath(t.cwd,e),i=await t.fs.readFile(r);if(i===null)return{exitCode:1,stdout:d,stderr:`nl: ${e}: No such file or directory
`};let o=u(i,n,f,c-(0,a.a)(d));d+=o.output,f=o.nextNumber}return{exitCode:0,stdout:d,stderr:``}}},f={name:`nl`,flags:[{flag:`-b`,type:`value`,valueHint:`string`},{flag:`-n`,type:`value`,valueHint:`string`},{flag:`-w`,type:`value`,valueHint:`number`},{flag:`-s`,type:`value`,valueHint:`string`},{flag:`-v`,type:`value`,valueHint:`number`},{flag:`-i`,type:`value`,valueHint:`number`}],stdinType:`text`,needsFiles:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),52323:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,nl:()=>i.a});var r=n(98995),i=n(78567);n(74048),n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};