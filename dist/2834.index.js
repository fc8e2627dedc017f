export const id=2834;export const ids=[2834];export const modules={67127:((e,t,n)=>{n.d(t,{a:()=>i,b:()=>a}),(0,n(98995).createRequire)(import.meta.url);async function r(e,t){if(e.length>0&&e[0]!==`-`){let n=t.fs.resolvePath(t.cwd,e[0]);try{let e=(await t.fs.readFile(n)).split(`
`);e[e.length-1]===``&&e.pop();let r=e.reverse();return{stdout:r.length>0?`${r.join(`
`)}
`:``,stderr:``,exitCode:0}}catch{return{stdout:``,stderr:`tac: ${e[0]}: No such file or directory
`,exitCode:1}}}let n=t.stdin.split(`
`);n[n.length-1]===``&&n.pop();let r=n.reverse();return{stdout:r.length>0?`${r.join(`
`)}
`:``,stderr:``,exitCode:0,stdoutKind:`bytes`}}var i={name:`tac`,execute:r},a={name:`tac`,flags:[],stdinType:`text`,needsFiles:!0}}),92834:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,tac:()=>i.a});var r=n(98995),i=n(67127);n(14223),n(30046),(0,r.createRequire)(import.meta.url)})};