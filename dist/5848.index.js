export const id=5848;export const ids=[5848];export const modules={28211:((e,t,n)=>{n.d(t,{a:()=>s,b:()=>c});var r=n(98995),i=n(34614),a=n(62590);(0,r.createRequire)(import.meta.url);function o(e){let t=e.replace(/\//g,`-`),n=new Date(t);if(!Number.isNaN(n.getTime()))return n;let r=t.match(/^(\d{4})-(\d{2})-(\d{2})$/);if(r){let[,e,t,i]=r;if(n=new Date(Number.parseInt(e,10),Number.parseInt(t,10)-1,Number.parseInt(i,10)),!Number.isNaN(n.getTime()))return n}let i=t.match(/^(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})$/);if(i){let[,e,t,r,a,o,s]=i;if(n=new Date(Number.parseInt(e,10),Number.parseInt(t,10)-1,Number.parseInt(r,10),Number.parseInt(a,10),Number.parseInt(o,10),Number.parseInt(s,10)),!Number.isNaN(n.getTime()))return n}return null}var s={name:`touch`,async execute(e,t){let n=[],r=null,s=!1;for(let t=0;t<e.length;t++){let i=e[t];if(i===`--`){n.push(...e.slice(t+1));break}if(i===`-d`||i===`--date`){if(t+1>=e.length)return{stdout:``,stderr:`touch: option requires an argument -- 'd'
`,exitCode:1};r=e[++t]}else if(i.startsWith(`--date=`))r=i.slice(7);else if(i===`-c`||i===`--no-create`)s=!0;else if(i===`-a`||i===`-m`||i===`-r`||i===`-t`)(i===`-r`||i===`-t`)&&t++;else{if(i.startsWith(`--`))return(0,a.c)(`touch`,i);if(i.startsWith(`-`)&&i.length>1){let n=!1;for(let o of i.slice(1))if(o===`c`)s=!0;else if(o!==`a`&&o!==`m`){if(o===`d`){if(t+1>=e.length)return{stdout:``,stderr:`touch: option requires an argument -- 'd'
`,exitCode:1};r=e[++t],n=!0;break}if(o===`r`||o===`t`){t++,n=!0;break}return(0,a.c)(`touch`,`-${o}`)}if(n)continue}else n.push(i)}}if(n.length===0)return{stdout:``,stderr:`touch: missing file operand
`,exitCode:1};let c=null;if(r!==null&&(c=o(r),c===null))return{stdout:``,stderr:`touch: invalid date format '${r}'
`,exitCode:1};let l=``,u=0;for(let e of n)try{let n=t.fs.resolvePath(t.cwd,e);if(!await t.fs.exists(n)){if(s)continue;await t.fs.writeFile(n,``)}let r=c??new Date;await t.fs.utimes(n,r,r)}catch(t){l+=`touch: cannot touch '${e}': ${(0,i.a)(t)}
`,u=1}return{stdout:``,stderr:l,exitCode:u}}},c={name:`touch`,flags:[{flag:`-c`,type:`boolean`},{flag:`-a`,type:`boolean`},{flag:`-m`,type:`boolean`},{flag:`-d`,type:`value`,valueHint:`string`}],needsArgs:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),55848:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,touchCommand:()=>i.a});var r=n(98995),i=n(28211);n(34614),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};