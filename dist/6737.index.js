export const id=6737;export const ids=[6737];export const modules={10563:((e,t,n)=>{n.d(t,{a:()=>s,b:()=>c});var r=n(98995),i=n(50703);(0,r.createRequire)(import.meta.url);var a=new Map([[`File operations`,[`ls`,`cat`,`head`,`tail`,`wc`,`touch`,`mkdir`,`rm`,`cp`,`mv`,`ln`,`chmod`,`stat`,`readlink`]],[`Text processing`,[`grep`,`sed`,`awk`,`sort`,`uniq`,`cut`,`tr`,`tee`,`diff`]],[`Search`,[`find`]],[`Navigation & paths`,[`pwd`,`basename`,`dirname`,`tree`,`du`]],[`Environment & shell`,[`echo`,`printf`,`env`,`printenv`,`export`,`alias`,`unalias`,`history`,`clear`,`true`,`false`,`bash`,`sh`]],[`Data processing`,[`xargs`,`jq`,`base64`,`date`]],[`Network`,[`curl`,`html-to-markdown`]]]);function o(e){let t=[],n=new Set(e);t.push(`Available commands:
`);let r=[];for(let[e,r]of a){let i=r.filter(e=>n.has(e));if(i.length>0){t.push(`  ${e}:`),t.push(`    ${i.join(`, `)}
`);for(let e of i)n.delete(e)}}for(let e of n)r.push(e);return r.length>0&&(t.push(`  Other:`),t.push(`    ${r.sort().join(`, `)}
`)),t.push(`Use '<command> --help' for details on a specific command.`),`${t.join(`
`)}
`}var s={name:`help`,async execute(e,t){if(e.includes(`--help`)||e.includes(`-h`))return{stdout:`help - display available commands

Usage: help [command]

Options:
  -h, --help    Show this help message

If a command name is provided, shows help for that command.
Otherwise, lists all available commands.
`,stderr:``,exitCode:0};if(e.length>0&&t.exec){let n=e[0];return t.exec((0,i.a)([n]),{cwd:t.cwd,signal:t.signal,args:[`--help`]})}return{stdout:o(t.getRegisteredCommands?.()??[]),stderr:``,exitCode:0}}},c={name:`help`,flags:[]}}),36737:((e,t,n)=>{n.r(t),n.d(t,{flagsForFuzzing:()=>i.b,helpCommand:()=>i.a});var r=n(98995),i=n(10563);n(50703),n(30046),(0,r.createRequire)(import.meta.url)})};