export const id=3264;export const ids=[3264];export const modules={53264:((e,t,n)=>{n.r(t),n.d(t,{aliasCommand:()=>i.a,flagsForFuzzing:()=>i.c,unaliasCommand:()=>i.b,unaliasFlagsForFuzzing:()=>i.d});var r=n(98995),i=n(97625);n(62590),n(30046),(0,r.createRequire)(import.meta.url)}),97625:((e,t,n)=>{n.d(t,{a:()=>s,b:()=>c,c:()=>l,d:()=>u});var r=n(98995),i=n(62590);(0,r.createRequire)(import.meta.url);var a={name:`alias`,summary:`define or display aliases`,usage:`alias [name[=value] ...]`,options:[`    --help display this help and exit`]},o=`BASH_ALIAS_`,s={name:`alias`,async execute(e,t){if((0,i.b)(e))return(0,i.a)(a);if(e.length===0){let e=``;for(let[n,r]of t.env)if(n.startsWith(o)){let t=n.slice(o.length);e+=`alias ${t}='${r}'
`}return{stdout:e,stderr:``,exitCode:0}}let n=e[0]===`--`?e.slice(1):e;for(let e of n){let n=e.indexOf(`=`);if(n===-1){let n=o+e;return t.env.get(n)?{stdout:`alias ${e}='${t.env.get(n)}'
`,stderr:``,exitCode:0}:{stdout:``,stderr:`alias: ${e}: not found
`,exitCode:1}}{let r=e.slice(0,n),i=e.slice(n+1);(i.startsWith(`'`)&&i.endsWith(`'`)||i.startsWith(`"`)&&i.endsWith(`"`))&&(i=i.slice(1,-1)),t.env.set(o+r,i)}}return{stdout:``,stderr:``,exitCode:0}}},c={name:`unalias`,async execute(e,t){if((0,i.b)(e))return(0,i.a)({name:`unalias`,summary:`remove alias definitions`,usage:`unalias name [name ...]`,options:[`-a      remove all aliases`,`    --help display this help and exit`]});if(e.length===0)return{stdout:``,stderr:`unalias: usage: unalias [-a] name [name ...]
`,exitCode:1};if(e[0]===`-a`){for(let e of t.env.keys())e.startsWith(o)&&t.env.delete(e);return{stdout:``,stderr:``,exitCode:0}}let n=e[0]===`--`?e.slice(1):e,r=!1,a=``;for(let e of n){let n=o+e;t.env.get(n)?t.env.delete(n):(a+=`unalias: ${e}: not found
`,r=!0)}return{stdout:``,stderr:a,exitCode:+!!r}}},l={name:`alias`,flags:[]},u={name:`unalias`,flags:[{flag:`-a`,type:`boolean`}]}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}})};