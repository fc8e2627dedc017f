export const id=9162;export const ids=[9162];export const modules={86075:((e,t,n)=>{n.d(t,{a:()=>o});var r=n(98995),i=n(64864),a=n(74048);(0,r.createRequire)(import.meta.url);function o(e){if(e instanceof a.l||e instanceof a.m||e instanceof i.a)throw e}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}};o[u]=d===`number`?parseInt(r,10):r;break}}}}return{ok:!0,result:{flags:o,positional:s}}}}),92257:((e,t,n)=>{n.d(t,{a:()=>r}),(0,n(98995).createRequire)(import.meta.url);function r(e,t){return(t?`d`:`-`)+[e&256?`r`:`-`,e&128?`w`:`-`,e&64?`x`:`-`,e&32?`r`:`-`,e&16?`w`:`-`,e&8?`x`:`-`,e&4?`r`:`-`,e&2?`w`:`-`,e&1?`x`:`-`].join(``)}}),49427:((e,t,n)=>{n.d(t,{a:()=>f,b:()=>p});var r=n(98995),i=n(92257),a=n(86075),o=n(74048),s=n(14223),c=n(58493),l=n(62590);(0,r.createRequire)(import.meta.url);var u={name:`stat`,summary:`display file or file system status`,usage:`stat [OPTION]... FILE...`,options:[`-c FORMAT   use the specified FORMAT instead of the default`,`    --help  display this help and exit`]},d={format:{short:`c`,type:`string`}},f={name:`stat`,async execute(e,t){if((0,l.b)(e))return(0,l.a)(u);let n=(0,c.a)(`stat`,e,d);if(!n.ok)return n.error;let r=n.result.flags.format??null,f=n.result.positional;if(f.length===0)return{stdout:``,stderr:`stat: missing operand
`,exitCode:1};let p=``,m=``,h=!1,g=0,_=Math.min(t.limits.maxOutputSize,t.limits.maxStringLength),v=e=>{let t=(0,s.a)(e);if(t>_-g)throw new o.l(`stat: output size limit exceeded (${_} bytes)`,`output_size`);p+=e,g+=t};for(let e of f){let n=t.fs.resolvePath(t.cwd,e);try{let a=await t.fs.stat(n);if(r){let t=a.mode.toString(8),n=(0,i.a)(a.mode,a.isDirectory),o=new Map([[`%n`,e],[`%N`,`'${e}'`],[`%s`,String(a.size)],[`%F`,a.isDirectory?`directory`:`regular file`],[`%a`,t],[`%A`,n],[`%u`,`1000`],[`%U`,`user`],[`%g`,`1000`],[`%G`,`group`]]);v(`${r.replace(/%[nNsFaAuUgG]/g,e=>o.get(e)??e)}
`)}else{let t=a.mode.toString(8).padStart(4,`0`),n=(0,i.a)(a.mode,a.isDirectory);v(`  File: ${e}
  Size: ${a.size}		Blocks: ${Math.ceil(a.size/512)}
Access: (${t}/${n})
Modify: ${a.mtime.toISOString()}
`)}}catch(t){(0,a.a)(t),m+=`stat: cannot stat '${e}': No such file or directory
`,h=!0}}return{stdout:p,stderr:m,exitCode:+!!h}}},p={name:`stat`,flags:[{flag:`-c`,type:`value`,valueHint:`format`},{flag:`-L`,type:`boolean`}],needsArgs:!0}}),19162:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,statCommand:()=>i.a});var r=n(98995),i=n(49427);n(92257),n(86075),n(64864),n(74048),n(14223),n(58493),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};