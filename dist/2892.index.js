export const id=2892;export const ids=[2892];export const modules={53444:((e,t,n)=>{n.d(t,{a:()=>l});var r=n(98995),i=n(14223),a=n(62590);(0,r.createRequire)(import.meta.url);var o=new Map([[`sha1`,`SHA-1`],[`sha256`,`SHA-256`]]);function s(e){function t(e,t){return e<<t|e>>>32-t}let n=new Uint32Array([3614090360,3905402710,606105819,3250441966,4118548399,1200080426,2821735955,4249261313,1770035416,2336552879,4294925233,2304563134,1804603682,4254626195,2792965006,1236535329,4129170786,3225465664,643717713,3921069994,3593408605,38016083,3634488961,3889429448,568446438,3275163606,4107603335,1163531501,2850285829,4243563512,1735328473,2368359562,4294588738,2272392833,1839030562,4259657740,2763975236,1272893353,4139469664,3200236656,681279174,3936430074,3572445317,76029189,3654602809,3873151461,530742520,3299628645,4096336452,1126891415,2878612391,4237533241,1700485571,2399980690,4293915773,2240044497,1873313359,4264355552,2734768916,1309151649,4149444226,3174756917,718787259,3951481745]),r=[7,12,17,22,7,12,17,22,7,12,17,22,7,12,17,22,5,9,14,20,5,9,14,20,5,9,14,20,5,9,14,20,4,11,16,23,4,11,16,23,4,11,16,23,4,11,16,23,6,10,15,21,6,10,15,21,6,10,15,21,6,10,15,21],i=e.length*8,a=(e.length%64<56?56:120)-e.length%64,o=new Uint8Array(e.length+a+8);o.set(e),o[e.length]=128;let s=new DataView(o.buffer);s.setUint32(o.length-8,i>>>0,!0),s.setUint32(o.length-4,Math.floor(i/4294967296),!0);let c=1732584193,l=4023233417,u=2562383102,d=271733878;for(let e=0;e<o.length;e+=64){let i=new Uint32Array(16);for(let t=0;t<16;t++)i[t]=s.getUint32(e+t*4,!0);let a=c,o=l,f=u,p=d;for(let e=0;e<64;e++){let s,c;e<16?(s=o&f|~o&p,c=e):e<32?(s=p&o|~p&f,c=(5*e+1)%16):e<48?(s=o^f^p,c=(3*e+5)%16):(s=f^(o|~p),c=7*e%16),s=s+a+n[e]+i[c]>>>0,a=p,p=f,f=o,o=o+t(s,r[e])>>>0}c=c+a>>>0,l=l+o>>>0,u=u+f>>>0,d=d+p>>>0}let f=new Uint8Array(16);return new DataView(f.buffer).setUint32(0,c,!0),new DataView(f.buffer).setUint32(4,l,!0),new DataView(f.buffer).setUint32(8,u,!0),new DataView(f.buffer).setUint32(12,d,!0),Array.from(f).map(e=>e.toString(16).padStart(2,`0`)).join(``)}async function c(e,t){if(e===`md5`)return s(t);let n=o.get(e);if(!n)throw Error(`Unknown algorithm: ${e}`);let r=await globalThis.crypto.subtle.digest(n,new Uint8Array(t).buffer);return Array.from(new Uint8Array(r)).map(e=>e.toString(16).padStart(2,`0`)).join(``)}function l(e,t,n){let r={name:e,summary:n,usage:`${e} [OPTION]... [FILE]...`,options:[`-c, --check    read checksums from FILEs and check them`,`    --help     display this help and exit`]};return{name:e,async execute(n,o){if((0,a.b)(n))return(0,a.a)(r);let s=!1,l=[];for(let t of n)if(t===`-c`||t===`--check`)s=!0;else if(t!==`-b`&&t!==`-t`&&t!==`--binary`&&t!==`--text`){if(t.startsWith(`-`)&&t!==`-`)return(0,a.c)(e,t);l.push(t)}l.length===0&&l.push(`-`);let u=async e=>{if(e===`-`)return Uint8Array.from(o.stdin,e=>e.charCodeAt(0));try{return await o.fs.readFileBuffer(o.fs.resolvePath(o.cwd,e))}catch{return null}};if(s){let n=0,r=``;for(let a of l){let s=a===`-`?(0,i.d)(o.stdin):await o.fs.readFile(o.fs.resolvePath(o.cwd,a)).catch(()=>null);if(s===null)return{stdout:``,stderr:`${e}: ${a}: No such file or directory
`,exitCode:1};for(let e of s.split(`
`)){let i=e.match(/^([a-fA-F0-9]+)\s+[* ]?(.+)$/);if(!i)continue;let[,a,o]=i,s=await u(o);if(s===null){r+=`${o}: FAILED open or read
`,n++;continue}let l=await c(t,s)===a.toLowerCase();r+=`${o}: ${l?`OK`:`FAILED`}
`,l||n++}}return n>0&&(r+=`${e}: WARNING: ${n} computed checksum${n>1?`s`:``} did NOT match
`),{stdout:r,stderr:``,exitCode:+(n>0)}}let d=``,f=0;for(let n of l){let r=await u(n);if(r===null){d+=`${e}: ${n}: No such file or directory
`,f=1;continue}d+=`${await c(t,r)}  ${n}
`}return{stdout:d,stderr:``,exitCode:f}}}}}),30568:((e,t,n)=>{n.d(t,{a:()=>a,b:()=>o});var r=n(98995),i=n(53444);(0,r.createRequire)(import.meta.url);var a=(0,i.a)(`md5sum`,`md5`,`compute MD5 message digest`),o={name:`md5sum`,flags:[{flag:`-c`,type:`boolean`}],needsFiles:!0}}),62590:((e,t,n)=>{n.d(t,{a:()=>r,b:()=>i,c:()=>a}),(0,n(98995).createRequire)(import.meta.url);function r(e){let t=`${e.name} - ${e.summary}

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
`,exitCode:1}}}),12892:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,md5sumCommand:()=>i.a});var r=n(98995),i=n(30568);n(53444),n(14223),n(62590),n(30046),(0,r.createRequire)(import.meta.url)})};