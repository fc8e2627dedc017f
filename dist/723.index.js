export const id=723;export const ids=[723];export const modules={65970:((e,t,n)=>{n.d(t,{a:()=>m,b:()=>h});var r=n(98995),i=n(86075),a=n(74048),o=n(14223),s=n(79241),c=n(58493),l=n(62590);(0,r.createRequire)(import.meta.url);var u={name:`tr`,summary:`translate or delete characters`,usage:`tr [OPTION]... SET1 [SET2]`,options:[`-c, -C, --complement   use the complement of SET1`,`-d, --delete           delete characters in SET1`,`-s, --squeeze-repeats  squeeze repeated characters`,`    --help             display this help and exit`],description:`SET syntax:
  a-z         character range
  [:alnum:]   all letters and digits
  [:alpha:]   all letters
  [:digit:]   all digits
  [:lower:]   all lowercase letters
  [:upper:]   all uppercase letters
  [:space:]   all whitespace
  [:blank:]   horizontal whitespace
  [:punct:]   all punctuation
  [:print:]   all printable characters
  [:graph:]   all printable characters except space
  [:cntrl:]   all control characters
  [:xdigit:]  all hexadecimal digits
  \\n, \\t, \\r  escape sequences`},d=new Map([[`[:alnum:]`,`ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789`],[`[:alpha:]`,`ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz`],[`[:blank:]`,` 	`],[`[:cntrl:]`,Array.from({length:32},(e,t)=>String.fromCharCode(t)).join(``).concat(``)],[`[:digit:]`,`0123456789`],[`[:graph:]`,Array.from({length:94},(e,t)=>String.fromCharCode(33+t)).join(``)],[`[:lower:]`,`abcdefghijklmnopqrstuvwxyz`],[`[:print:]`,Array.from({length:95},(e,t)=>String.fromCharCode(32+t)).join(``)],[`[:punct:]`,`!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`],[`[:space:]`,` 	
\r\f\v`],[`[:upper:]`,`ABCDEFGHIJKLMNOPQRSTUVWXYZ`],[`[:xdigit:]`,`0123456789ABCDEFabcdef`]]);function f(e,t,n,r){let i=``,o=0,s=e=>{if(e.length>t-i.length)throw new a.l(`tr: expanded SET exceeds string length limit (${t})`,`string_length`);i+=e},c=(e=1)=>{if(e>n-r.iterations)throw new a.l(`tr: SET expansion iteration limit exceeded (${n})`,`iterations`);r.iterations+=e};for(;o<e.length;){if(c(),e[o]===`[`&&e[o+1]===`:`){let t=!1;for(let[n,r]of d)if(e.slice(o).startsWith(n)){s(r),o+=n.length,t=!0;break}if(t)continue}if(e[o]===`\\`&&o+1<e.length){let t=e[o+1];s(t===`n`?`
`:t===`t`?`	`:t===`r`?`\r`:t),o+=2;continue}if(o+2<e.length&&e[o+1]===`-`){let n=e.charCodeAt(o),r=e.charCodeAt(o+2),s=r>=n?r-n+1:0;if(c(s),s>t-i.length)throw new a.l(`tr: expanded SET exceeds string length limit (${t})`,`string_length`);for(let e=n;e<=r;e++)i+=String.fromCharCode(e);o+=3;continue}s(e[o]),o++}return i}var p={complement:{short:`c`,long:`complement`,type:`boolean`},complementUpper:{short:`C`,type:`boolean`},delete:{short:`d`,long:`delete`,type:`boolean`},squeeze:{short:`s`,long:`squeeze-repeats`,type:`boolean`}},m={name:`tr`,async execute(e,t){if((0,l.b)(e))return(0,l.a)(u);let n=(0,c.a)(`tr`,e,p);if(!n.ok)return n.error;let r=n.result.flags.complement||n.result.flags.complementUpper,d=n.result.flags.delete,m=n.result.flags.squeeze,h=n.result.positional;if(h.length<1)return{stdout:``,stderr:`tr: missing operand
`,exitCode:1};if(!d&&!m&&h.length<2)return{stdout:``,stderr:`tr: missing operand after SET1
`,exitCode:1};let g,_,v=Math.min(t.limits.maxInputBytes,t.limits.maxStringLength),y=t.limits.maxLoopIterations,b=t.limits.maxArrayElements,x=Math.min(t.limits.maxOutputSize,t.limits.maxStringLength);try{let e={iterations:0};g=f(h[0],v,y,e),_=h.length>1?f(h[1],v,y,e):``}catch(e){return(0,i.a)(e),{stdout:``,stderr:`${(0,s.a)(e.message)}
`,exitCode:1}}if(t.stdin.length>v)throw new a.l(`tr: input size limit exceeded (${v} bytes)`,`string_length`);let S=(0,o.d)(t.stdin);if(g.length>b||_.length>b)throw new a.l(`tr: array element limit exceeded (${b})`,`array_elements`);let C=new Set(g),w=new Set(_),T=e=>{let t=C.has(e);return r?!t:t},E=``,D=0,O=e=>{let t=(0,o.a)(e);if(t>x-D)throw new a.l(`tr: output size limit exceeded (${x} bytes)`,`output_size`);E+=e,D+=t};if(d)for(let e of S)T(e)||O(e);else if(m&&h.length===1){let e=``;for(let t of S)T(t)&&t===e||(O(t),e=t)}else{let e=``,t=t=>{m&&w.has(t)&&t===e||(O(t),e=t)};if(r){let e=_.length>0?_[_.length-1]:``;for(let n of S)C.has(n)?t(n):t(e)}else{let e=new Map;for(let t=0;t<g.length;t++){let n=t<_.length?_[t]:_[_.length-1];e.set(g[t],n)}for(let n of S)t(e.get(n)??n)}}return{stdout:E,stderr:``,exitCode:0}}},h={name:`tr`,flags:[{flag:`-c`,type:`boolean`},{flag:`-C`,type:`boolean`},{flag:`-d`,type:`boolean`},{flag:`-s`,type:`boolean`}],stdinType:`text`,needsArgs:!0}}),86075:((e,t,n)=>{n.d(t,{a:()=>o});var r=n(98995),i=n(64864),a=n(74048);(0,r.createRequire)(import.meta.url);function o(e){if(e instanceof a.l||e instanceof a.m||e instanceof i.a)throw e}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),58493:((e,t,n)=>{n.d(t,{a:()=>a});var r=n(98995),i=n(62590);(0,r.createRequire)(import.meta.url);function a(e,t,n){let r=new Map,a=new Map;for(let[e,t]of Object.entries(n)){let n={name:e,type:t.type};t.short&&r.set(t.short,n),t.long&&a.set(t.long,n)}let o=Object.create(null);for(let[e,t]of Object.entries(n))t.default===void 0?t.type===`boolean`&&(o[e]=!1):o[e]=t.default;let s=[],c=!1;for(let n=0;n<t.length;n++){let l=t[n];if(c||!l.startsWith(`-`)||l===`-`){s.push(l);continue}if(l===`--`){c=!0;continue}if(l.startsWith(`--`)){let r=l.indexOf(`=`),s,c;r===-1?s=l.slice(2):(s=l.slice(2,r),c=l.slice(r+1));let u=a.get(s);if(!u)return{ok:!1,error:(0,i.c)(e,l)};let{name:d,type:f}=u;if(f===`boolean`)o[d]=!0;else{if(c===void 0){if(n+1>=t.length)return{ok:!1,error:{stdout:``,stderr:`${e}: option '--${s}' requires an argument
`,exitCode:1}};c=t[++n]}o[d]=f===`number`?parseInt(c,10):c}}else{let a=l.slice(1);for(let s=0;s<a.length;s++){let c=a[s],l=r.get(c);if(!l)return{ok:!1,error:(0,i.c)(e,`-${c}`)};let{name:u,type:d}=l;if(d===`boolean`)o[u]=!0;else{let r;if(s+1<a.length)r=a.slice(s+1);else if(n+1<t.length)r=t[++n];else return{ok:!1,error:{stdout:``,stderr:`${e}: option requires an argument -- '${c}'
`,exitCode:1}};o[u]=d===`number`?parseInt(r,10):r;break}}}}return{ok:!0,result:{flags:o,positional:s}}}}),50723:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,trCommand:()=>i.a});var r=n(98995),i=n(65970);n(86075),n(64864),n(74048),n(14223),n(79241),n(58493),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};