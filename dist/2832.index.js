export const id=2832;export const ids=[2832];export const modules={21903:((e,t,n)=>{n.d(t,{a:()=>u,b:()=>d});var r=n(98995),i=n(74048),a=n(62590);(0,r.createRequire)(import.meta.url);var o={name:`strings`,summary:`print the sequences of printable characters in files`,usage:`strings [OPTION]... [FILE]...`,description:`For each FILE, print the printable character sequences that are at least MIN characters long. If no FILE is specified, standard input is read.`,options:[`-n MIN       Print sequences of at least MIN characters (default: 4)`,`-t FORMAT    Print offset before each string (o=octal, x=hex, d=decimal)`,`-a           Scan the entire file (default behavior)`,`-e ENCODING  Select character encoding (s=7-bit, S=8-bit)`],examples:[`strings file.bin          # Extract strings (min 4 chars)`,`strings -n 8 file.bin     # Extract strings (min 8 chars)`,`strings -t x file.bin     # Show hex offset`,`echo 'hello' | strings    # Read from stdin`]};function s(e){return e>=32&&e<=126||e===9}function c(e,t){if(t===null)return``;switch(t){case`o`:return`${e.toString(8).padStart(7,` `)} `;case`x`:return`${e.toString(16).padStart(7,` `)} `;case`d`:return`${e.toString(10).padStart(7,` `)} `;default:return t}}function l(e,t,n,r=!1,a){let o=[],l=0,u=0,d=typeof e==`string`&&!r?new TextEncoder().encode(e):e;if(d.length>n.maxStringLength-n.inputBytes)throw new i.l(`strings: aggregate input size limit exceeded (${n.maxStringLength} bytes)`,`string_length`);n.inputBytes+=d.length;let f=new TextDecoder,p=(e,t)=>typeof d==`string`?d.slice(e,t):f.decode(d.subarray(e,t)),m=e=>{if(++n.iterations>n.maxIterations)throw new i.l(`strings: iteration limit exceeded (${n.maxIterations})`,`iterations`);if(n.resultCount>=n.maxArrayElements)throw new i.l(`strings: array element limit exceeded (${n.maxArrayElements})`,`array_elements`);let t=e.length+1;if(t>n.maxOutputSize-n.outputBytes)throw new i.l(`strings: output size limit exceeded (${n.maxOutputSize} bytes)`,`output_size`);o.push(e),n.resultCount++,n.outputBytes+=t};for(let e=0;e<d.length;e++){if(!(e&4095)&&a?.aborted)throw new i.m;if(s(typeof d==`string`?d.charCodeAt(e)&255:d[e])){if(l===0&&(u=e),l>=n.maxStringLength)throw new i.l(`strings: string length limit exceeded (${n.maxStringLength} bytes)`,`string_length`);l++}else l>=t.minLength&&m(`${c(u,t.offsetFormat)}${p(u,e)}`),l=0}return l>=t.minLength&&m(`${c(u,t.offsetFormat)}${p(u,d.length)}`),o}var u={name:`strings`,execute:async(e,t)=>{if((0,a.b)(e))return(0,a.a)(o);let n={minLength:4,offsetFormat:null},r=[],i=0;for(;i<e.length;){let t=e[i];if(t===`-n`&&i+1<e.length){let t=Number.parseInt(e[i+1],10);if(Number.isNaN(t)||t<1)return{exitCode:1,stdout:``,stderr:`strings: invalid minimum string length: '${e[i+1]}'
`};n.minLength=t,i+=2}else if(t.match(/^-n\d+$/)){let e=Number.parseInt(t.slice(2),10);if(Number.isNaN(e)||e<1)return{exitCode:1,stdout:``,stderr:`strings: invalid minimum string length: '${t.slice(2)}'
`};n.minLength=e,i++}else if(t.match(/^-\d+$/)){let e=Number.parseInt(t.slice(1),10);if(Number.isNaN(e)||e<1)return{exitCode:1,stdout:``,stderr:`strings: invalid minimum string length: '${t.slice(1)}'
`};n.minLength=e,i++}else if(t===`-t`&&i+1<e.length){let t=e[i+1];if(t!==`o`&&t!==`x`&&t!==`d`)return{exitCode:1,stdout:``,stderr:`strings: invalid radix: '${t}'
`};n.offsetFormat=t,i+=2}else if(t.startsWith(`-t`)&&t.length===3){let e=t[2];if(e!==`o`&&e!==`x`&&e!==`d`)return{exitCode:1,stdout:``,stderr:`strings: invalid radix: '${e}'
`};n.offsetFormat=e,i++}else if(t===`-a`||t===`--all`||t===`-`)t===`-`&&r.push(t),i++;else if(t===`-e`&&i+1<e.length){let t=e[i+1];if(t!==`s`&&t!==`S`)return{exitCode:1,stdout:``,stderr:`strings: invalid encoding: '${t}'
`};i+=2}else if(t.startsWith(`-e`)&&t.length===3){let e=t[2];if(e!==`s`&&e!==`S`)return{exitCode:1,stdout:``,stderr:`strings: invalid encoding: '${e}'
`};i++}else if(t===`--`){r.push(...e.slice(i+1));break}else{if(t.startsWith(`-`)&&t!==`-`)return(0,a.c)(`strings`,t);r.push(t),i++}}let s=``,c={maxArrayElements:t.limits.maxArrayElements,maxIterations:t.limits.maxLoopIterations,maxStringLength:Math.min(t.limits.maxInputBytes,t.limits.maxStringLength),maxOutputSize:Math.min(t.limits.maxOutputSize,t.limits.maxStringLength),iterations:0,inputBytes:0,resultCount:0,outputBytes:0},u=()=>t.stdin;if(r.length===0){let e=l(u(),n,c,!0,t.signal);s=e.length>0?`${e.join(`
`)}
`:``}else for(let e of r){let r;if(e===`-`)r=u();else{let n=t.fs.resolvePath(t.cwd,e);try{r=await t.fs.readFileBuffer(n)}catch{return{exitCode:1,stdout:s,stderr:`strings: ${e}: No such file or directory
`}}}let i=l(r,n,c,typeof r==`string`,t.signal);i.length>0&&(s+=`${i.join(`
`)}
`)}return{exitCode:0,stdout:s,stderr:``}}},d={name:`strings`,flags:[{flag:`-n`,type:`value`,valueHint:`number`},{flag:`-t`,type:`value`,valueHint:`string`},{flag:`-a`,type:`boolean`},{flag:`-e`,type:`value`,valueHint:`string`}],stdinType:`text`,needsFiles:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),62832:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,strings:()=>i.a});var r=n(98995),i=n(21903);n(74048),n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};