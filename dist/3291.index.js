export const id=3291;export const ids=[3291];export const modules={3589:((e,t,n)=>{n.d(t,{a:()=>c,b:()=>u});var r=n(98995),i=n(32371),a=n(50703),o=n(78025),s=n(79241);(0,r.createRequire)(import.meta.url);var c={name:`time`,async execute(e,t){let n=`%e %M`,r=null,c=!1,u=!1,d=0;for(;d<e.length;){let t=e[d];if(t===`-f`||t===`--format`){if(d++,d>=e.length)return{stdout:``,stderr:`time: missing argument to '-f'
`,exitCode:1};n=e[d],d++}else if(t===`-o`||t===`--output`){if(d++,d>=e.length)return{stdout:``,stderr:`time: missing argument to '-o'
`,exitCode:1};r=e[d],d++}else if(t===`-a`||t===`--append`)c=!0,d++;else if(t===`-v`||t===`--verbose`)n=`Command being timed: %C
Elapsed (wall clock) time: %e seconds
Maximum resident set size (kbytes): %M`,d++;else if(t===`-p`||t===`--portability`)u=!0,d++;else if(t===`--`){d++;break}else if(t.startsWith(`-`))d++;else break}let f=e.slice(d);if(f.length===0)return{stdout:``,stderr:``,exitCode:0};let p=(0,i.c)(),m=f.join(` `),h;try{if(!t.exec)return{stdout:``,stderr:`time: exec not available
`,exitCode:1};h=await t.exec((0,a.a)([f[0]]),{env:(0,o.a)(t.env),cwd:t.cwd,stdin:t.stdin,stdinKind:`bytes`,signal:t.signal,args:f.slice(1)})}catch(e){h={stdout:``,stderr:`time: ${(0,s.a)(e.message)}
`,exitCode:127}}let g=((0,i.c)()-p)/1e3,_;if(u?_=`real ${g.toFixed(2)}
user 0.00
sys 0.00
`:(_=n.replace(/%e/g,g.toFixed(2)).replace(/%E/g,l(g)).replace(/%M/g,`0`).replace(/%S/g,`0.00`).replace(/%U/g,`0.00`).replace(/%P/g,`0%`).replace(/%C/g,m),_.endsWith(`
`)||(_+=`
`)),r)try{let e=t.fs.resolvePath(t.cwd,r);if(c&&await t.fs.exists(e)){let n=await t.fs.readFile(e);await t.fs.writeFile(e,n+_)}else await t.fs.writeFile(e,_)}catch(e){let t=(0,s.a)(e.message);return{stdout:h.stdout,stderr:h.stderr+`time: cannot write to '${r}': ${t}
`,exitCode:h.exitCode}}else h={...h,stderr:h.stderr+_};return h}};function l(e){let t=Math.floor(e/3600),n=Math.floor(e%3600/60),r=e%60;return t>0?`${t}:${n.toString().padStart(2,`0`)}:${r.toFixed(2).padStart(5,`0`)}`:`${n}:${r.toFixed(2).padStart(5,`0`)}`}var u={name:`time`,flags:[{flag:`-p`,type:`boolean`}],needsArgs:!0}}),63291:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,timeCommand:()=>i.a});var r=n(98995),i=n(3589);n(32371),n(50703),n(78025),n(14223),n(79241),n(30046),(0,r.createRequire)(import.meta.url)})};