export const id=745;export const ids=[745];export const modules={9161:((e,t,n)=>{n.d(t,{a:()=>l,b:()=>u,c:()=>d,d:()=>f});var r=n(98995),i=n(86075),a=n(68361),o=n(74048),s=n(14223),c=n(62590);(0,r.createRequire)(import.meta.url);function l(e,t){let n=10,r=null,i=!1,a=!1,o=!1,s=[];for(let l=0;l<e.length;l++){let u=e[l];if(u===`-n`&&l+1<e.length){let r=e[++l];t===`tail`&&r.startsWith(`+`)?(o=!0,n=parseInt(r.slice(1),10)):n=parseInt(r,10)}else if(t===`tail`&&u.startsWith(`-n+`))o=!0,n=parseInt(u.slice(3),10);else if(u.startsWith(`-n`))n=parseInt(u.slice(2),10);else if(u===`-c`&&l+1<e.length)r=parseInt(e[++l],10);else if(u.startsWith(`-c`))r=parseInt(u.slice(2),10);else if(u.startsWith(`--bytes=`))r=parseInt(u.slice(8),10);else if(u.startsWith(`--lines=`))n=parseInt(u.slice(8),10);else if(u===`-q`||u===`--quiet`||u===`--silent`)i=!0;else if(u===`-v`||u===`--verbose`)a=!0;else if(u.match(/^-\d+$/))n=parseInt(u.slice(1),10);else{if(u.startsWith(`--`)||u.startsWith(`-`)&&u!==`-`)return{ok:!1,error:(0,c.c)(t,u)};s.push(u)}}return r!==null&&(Number.isNaN(r)||r<0)?{ok:!1,error:{stdout:``,stderr:`${t}: invalid number of bytes
`,exitCode:1}}:Number.isNaN(n)||n<0?{ok:!1,error:{stdout:``,stderr:`${t}: invalid number of lines
`,exitCode:1}}:{ok:!0,options:{lines:n,bytes:r,quiet:i,verbose:a,files:s,fromLine:o}}}async function u(e,t,n,r){let{quiet:c,verbose:l,files:u}=t;if(u.length>e.limits.maxArrayElements)throw new o.l(`${n}: file operand limit exceeded (${e.limits.maxArrayElements})`,`array_elements`);if(u.length===0)return{stdout:r(e.stdin),stderr:``,exitCode:0,stdoutEncoding:`binary`};let d=Math.min(e.limits.maxOutputSize,e.limits.maxStringLength),f=new a.d(d,n),p=new a.d(d,n),m=0,h=0,g=l||!c&&u.length>1,_=0;for(let t=0;t<u.length;t++){let a=u[t];try{let t=e.fs.resolvePath(e.cwd,a);if((await e.fs.stat(t)).size>e.limits.maxInputBytes-h)throw new o.l(`${n}: aggregate input size limit exceeded (${e.limits.maxInputBytes} bytes)`,`string_length`);let i=await(0,s.g)(e.fs,t);if(i.length>e.limits.maxInputBytes-h)throw new o.l(`${n}: aggregate input size limit exceeded (${e.limits.maxInputBytes} bytes)`,`string_length`);h+=i.length,e.executionScope?.consumeInput(i.length,n),g&&(_>0&&f.append(`
`),f.append((0,s.e)(`==> ${a} <==
`))),f.append(r(i)),_++}catch(e){(0,i.a)(e),p.append(`${n}: ${a}: No such file or directory
`),m=1}}return{stdout:f.build(),stderr:p.build(),exitCode:m,stdoutEncoding:`binary`}}function d(e,t,n){if(n!==null)return e.slice(0,n);if(t===0)return``;let r=0,i=0,a=e.length;for(;r<a&&i<t;){let t=e.indexOf(`
`,r);if(t===-1)return e;i++,r=t+1}return r>0?e.slice(0,r):``}function f(e,t,n,r){if(n!==null)return n===0?``:e.slice(-n);let i=e.length;if(i===0)return``;if(r){let n=0,r=1;for(;n<i&&r<t;){let t=e.indexOf(`
`,n);if(t===-1)return``;r++,n=t+1}return e.slice(n)}if(t===0)return``;let a=i-1;e[a]===`
`&&a--;let o=0;for(;a>=0&&o<t;){if(e[a]===`
`&&(o++,o===t)){a++;break}a--}return a<0&&(a=0),e.slice(a)}}),86075:((e,t,n)=>{n.d(t,{a:()=>o});var r=n(98995),i=n(64864),a=n(74048);(0,r.createRequire)(import.meta.url);function o(e){if(e instanceof a.l||e instanceof a.m||e instanceof i.a)throw e}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),43760:((e,t,n)=>{n.d(t,{a:()=>s,b:()=>c});var r=n(98995),i=n(9161),a=n(62590);(0,r.createRequire)(import.meta.url);var o={name:`head`,summary:`output the first part of files`,usage:`head [OPTION]... [FILE]...`,options:[`-c, --bytes=NUM    print the first NUM bytes`,`-n, --lines=NUM    print the first NUM lines (default 10)`,`-q, --quiet        never print headers giving file names`,`-v, --verbose      always print headers giving file names`,`    --help         display this help and exit`]},s={name:`head`,async execute(e,t){if((0,a.b)(e))return(0,a.a)(o);let n=(0,i.a)(e,`head`);if(!n.ok)return n.error;let{lines:r,bytes:s}=n.options;return(0,i.b)(t,n.options,`head`,e=>(0,i.c)(e,r,s))}},c={name:`head`,flags:[{flag:`-n`,type:`value`,valueHint:`number`},{flag:`-c`,type:`value`,valueHint:`number`},{flag:`-q`,type:`boolean`},{flag:`-v`,type:`boolean`}],stdinType:`text`,needsFiles:!0}}),90745:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,headCommand:()=>i.a});var r=n(98995),i=n(43760);n(9161),n(86075),n(64864),n(68361),n(74048),n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};