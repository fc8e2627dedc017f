export const id=6907;export const ids=[6907];export const modules={114:((e,t,n)=>{n.d(t,{a:()=>c,b:()=>l});var r=n(98995),i=n(79241),a=n(58493),o=n(34614);(0,r.createRequire)(import.meta.url);var s={recursive:{short:`p`,long:`parents`,type:`boolean`},verbose:{short:`v`,long:`verbose`,type:`boolean`}},c={name:`mkdir`,async execute(e,t){let n=(0,a.a)(`mkdir`,e,s);if(!n.ok)return n.error;let r=n.result.flags.recursive,c=n.result.flags.verbose,l=n.result.positional;if(l.length===0)return{stdout:``,stderr:`mkdir: missing operand
`,exitCode:1};let u=``,d=``,f=0;for(let e of l)try{let n=t.fs.resolvePath(t.cwd,e);await t.fs.mkdir(n,{recursive:r}),c&&(u+=`mkdir: created directory '${e}'
`)}catch(t){let n=(0,o.a)(t);n.includes(`ENOENT`)||n.includes(`no such file`)?d+=`mkdir: cannot create directory '${e}': No such file or directory
`:n.includes(`EEXIST`)||n.includes(`already exists`)?d+=`mkdir: cannot create directory '${e}': File exists
`:d+=`mkdir: cannot create directory '${e}': ${(0,i.a)(n)}
`,f=1}return{stdout:u,stderr:d,exitCode:f}}},l={name:`mkdir`,flags:[{flag:`-p`,type:`boolean`},{flag:`-v`,type:`boolean`}],needsArgs:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}};o[u]=d===`number`?parseInt(r,10):r;break}}}}return{ok:!0,result:{flags:o,positional:s}}}}),36907:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,mkdirCommand:()=>i.a});var r=n(98995),i=n(114);n(79241),n(58493),n(34614),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};