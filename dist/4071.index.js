export const id=4071;export const ids=[4071];export const modules={25256:((e,t,n)=>{n.d(t,{a:()=>s,b:()=>c});var r=n(98995),i=n(79241),a=n(62590);(0,r.createRequire)(import.meta.url);var o={name:`ln`,summary:`make links between files`,usage:`ln [OPTIONS] TARGET LINK_NAME`,options:[`-s      create a symbolic link instead of a hard link`,`-f      remove existing destination files`,`-n      treat LINK_NAME as a normal file if it is a symbolic link to a directory`,`-v      print name of each linked file`,`    --help display this help and exit`]},s={name:`ln`,async execute(e,t){if((0,a.b)(e))return(0,a.a)(o);let n=!1,r=!1,s=!1,c=0;for(;c<e.length&&e[c].startsWith(`-`);){let t=e[c];if(t===`-s`||t===`--symbolic`)n=!0,c++;else if(t===`-f`||t===`--force`)r=!0,c++;else if(t===`-v`||t===`--verbose`)s=!0,c++;else if(t===`-n`||t===`--no-dereference`)c++;else if(/^-[sfvn]+$/.test(t))t.includes(`s`)&&(n=!0),t.includes(`f`)&&(r=!0),t.includes(`v`)&&(s=!0),c++;else if(t===`--`){c++;break}else return(0,a.c)(`ln`,t)}let l=e.slice(c);if(l.length<2)return{stdout:``,stderr:`ln: missing file operand
`,exitCode:1};if(l.length>2)return{stdout:``,stderr:`ln: extra operand '${l[2]}'
`,exitCode:1};let u=l[0],d=l[1],f=t.fs.resolvePath(t.cwd,d);if(await t.fs.exists(f)){if(r)try{await t.fs.rm(f,{force:!0})}catch{return{stdout:``,stderr:`ln: cannot remove '${d}': Permission denied
`,exitCode:1}}else return{stdout:``,stderr:`ln: failed to create ${n?`symbolic `:``}link '${d}': File exists
`,exitCode:1}}try{if(n)await t.fs.symlink(u,f);else{let e=t.fs.resolvePath(t.cwd,u);if(!await t.fs.exists(e))return{stdout:``,stderr:`ln: failed to access '${u}': No such file or directory
`,exitCode:1};await t.fs.link(e,f)}}catch(e){let t=e;return t.message.includes(`EPERM`)?{stdout:``,stderr:`ln: '${u}': hard link not allowed for directory
`,exitCode:1}:{stdout:``,stderr:`ln: ${(0,i.a)(t.message)}
`,exitCode:1}}let p=``;return s&&(p=`'${d}' -> '${u}'
`),{stdout:p,stderr:``,exitCode:0}}},c={name:`ln`,flags:[{flag:`-s`,type:`boolean`},{flag:`-f`,type:`boolean`},{flag:`-n`,type:`boolean`},{flag:`-v`,type:`boolean`}],needsArgs:!0,minArgs:2}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),44071:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,lnCommand:()=>i.a});var r=n(98995),i=n(25256);n(79241),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};