var e=(e=>typeof require<`u`?require:typeof Proxy<`u`?new Proxy(e,{get:(e,t)=>(typeof require<`u`?require:e)[t]}):e)(function(e){if(typeof require<`u`)return require.apply(this,arguments);throw Error(`Dynamic require of "`+e+`" is not supported`)});import{createRequire as t}from"node:module";import{dirname as n}from"node:path";import{parentPort as r,workerData as i}from"node:worker_threads";function a(e,t,n){if(!e)return e;let r=e.replace(/\n\s+at\s.*/g,``);return n&&(r=r.replace(/\bfile:\/\/\/?[^\s'",)}\]:]+/g,`<path>`)),r=r.replace(t?/(?:\/(?:Users|home|private|var|opt|Library|System|usr|etc|tmp|nix|snap|workspace|root|srv|mnt|app))\b[^\s'",)}\]:]*/g:/(?:\/(?:Users|home|private|var|opt|Library|System|usr|etc|tmp|nix|snap))\b[^\s'",)}\]:]*/g,`<path>`),r=r.replace(/node:internal\/[^\s'",)}\]:]+/g,`<internal>`),r=r.replace(/[A-Z]:\\[^\s'",)}\]:]+/g,`<path>`),n&&(r=r.replace(/\\\\[^\s\\]+\\[^\s'",)}\]:]+/g,`<path>`)),r}function o(e){return a(e,!1,!1)}function s(e){return a(e,!0,!0)}import*as c from"node:async_hooks";import*as l from"node:module";var u;function d(){return u||f(),u}function f(){let e=[{prop:`Function`,target:globalThis,violationType:`function_constructor`,strategy:`throw`,reason:`Function constructor allows arbitrary code execution`},{prop:`eval`,target:globalThis,violationType:`eval`,strategy:`throw`,reason:`eval() allows arbitrary code execution`},{prop:`setTimeout`,target:globalThis,violationType:`setTimeout`,strategy:`throw`,reason:`setTimeout with string argument allows code execution`},{prop:`setInterval`,target:globalThis,violationType:`setInterval`,strategy:`throw`,reason:`setInterval with string argument allows code execution`},{prop:`setImmediate`,target:globalThis,violationType:`setImmediate`,strategy:`throw`,reason:`setImmediate could be used to escape sandbox context`},{prop:`env`,target:process,violationType:`process_env`,strategy:`throw`,reason:`process.env could leak sensitive environment variables`,allowedKeys:new Set([`NODE_V8_COVERAGE`,`NODE_DEBUG`,`NODE_DEBUG_NATIVE`,`NODE_COMPILE_CACHE`,`NODE_ENV`,`WATCH_REPORT_DEPENDENCIES`,`FORCE_COLOR`,`DEBUG`,`UNDICI_NO_FG`,`JEST_WORKER_ID`,`__MINIMATCH_TESTING_PLATFORM__`,`LOG_TOKENS`,`LOG_STREAM`])},{prop:`binding`,target:process,violationType:`process_binding`,strategy:`throw`,reason:`process.binding provides access to native Node.js modules`},{prop:`_linkedBinding`,target:process,violationType:`process_binding`,strategy:`throw`,reason:`process._linkedBinding provides access to native Node.js modules`},{prop:`dlopen`,target:process,violationType:`process_dlopen`,strategy:`throw`,reason:`process.dlopen allows loading native addons`},{prop:`getBuiltinModule`,target:process,violationType:`process_get_builtin_module`,strategy:`throw`,reason:`process.getBuiltinModule allows loading native Node.js modules (fs, child_process, vm)`},{prop:`exit`,target:process,violationType:`process_exit`,strategy:`throw`,reason:`process.exit could terminate the interpreter`},{prop:`abort`,target:process,violationType:`process_exit`,strategy:`throw`,reason:`process.abort could crash the interpreter`},{prop:`kill`,target:process,violationType:`process_kill`,strategy:`throw`,reason:`process.kill could signal other processes`},{prop:`setuid`,target:process,violationType:`process_setuid`,strategy:`throw`,reason:`process.setuid could escalate privileges`},{prop:`setgid`,target:process,violationType:`process_setuid`,strategy:`throw`,reason:`process.setgid could escalate privileges`},{prop:`seteuid`,target:process,violationType:`process_setuid`,strategy:`throw`,reason:`process.seteuid could escalate effective user privileges`},{prop:`setegid`,target:process,violationType:`process_setuid`,strategy:`throw`,reason:`process.setegid could escalate effective group privileges`},{prop:`initgroups`,target:process,violationType:`process_setuid`,strategy:`throw`,reason:`process.initgroups could modify supplementary group IDs`},{prop:`setgroups`,target:process,violationType:`process_setuid`,strategy:`throw`,reason:`process.setgroups could modify supplementary group IDs`},{prop:`umask`,target:process,violationType:`process_umask`,strategy:`throw`,reason:`process.umask could modify file creation permissions`},{prop:`argv`,target:process,violationType:`process_argv`,strategy:`throw`,reason:`process.argv may contain secrets in CLI arguments`},{prop:`cwd`,target:process,violationType:`process_chdir`,strategy:`throw`,reason:`process.cwd could disclose real host working directory path`},{prop:`chdir`,target:process,violationType:`process_chdir`,strategy:`throw`,reason:`process.chdir could confuse the interpreter's CWD tracking`},{prop:`report`,target:process,violationType:`process_report`,strategy:`throw`,reason:`process.report could disclose full environment, host paths, and system info`},{prop:`loadEnvFile`,target:process,violationType:`process_env`,strategy:`throw`,reason:`process.loadEnvFile could load env files bypassing env proxy`},{prop:`setUncaughtExceptionCaptureCallback`,target:process,violationType:`process_exception_handler`,strategy:`throw`,reason:`setUncaughtExceptionCaptureCallback could intercept security errors`},...[`on`,`once`,`addListener`,`prependListener`,`prependOnceListener`].map(e=>({prop:e,target:process,violationType:`process_exception_handler`,strategy:`throw`,reason:`process-global listeners can outlive the sandbox and lose its security context`})),{prop:`send`,target:process,violationType:`process_send`,strategy:`throw`,reason:`process.send could communicate with parent process in IPC contexts`},{prop:`channel`,target:process,violationType:`process_channel`,strategy:`throw`,reason:`process.channel could access IPC channel to parent process`},{prop:`cpuUsage`,target:process,violationType:`process_timing`,strategy:`throw`,reason:`process.cpuUsage could enable timing side-channel attacks`},{prop:`memoryUsage`,target:process,violationType:`process_timing`,strategy:`throw`,reason:`process.memoryUsage could enable timing side-channel attacks`},{prop:`hrtime`,target:process,violationType:`process_timing`,strategy:`throw`,reason:`process.hrtime could enable timing side-channel attacks`},{prop:`WeakRef`,target:globalThis,violationType:`weak_ref`,strategy:`throw`,reason:`WeakRef could be used to leak references outside sandbox`},{prop:`FinalizationRegistry`,target:globalThis,violationType:`finalization_registry`,strategy:`throw`,reason:`FinalizationRegistry could be used to leak references outside sandbox`},{prop:`Reflect`,target:globalThis,violationType:`reflect`,strategy:`freeze`,reason:`Reflect provides introspection capabilities`},{prop:`Proxy`,target:globalThis,violationType:`proxy`,strategy:`throw`,reason:`Proxy allows intercepting and modifying object behavior`},{prop:`WebAssembly`,target:globalThis,violationType:`webassembly`,strategy:`throw`,reason:`WebAssembly allows executing arbitrary compiled code`},{prop:`SharedArrayBuffer`,target:globalThis,violationType:`shared_array_buffer`,strategy:`throw`,reason:`SharedArrayBuffer could enable side-channel communication or timing attacks`},{prop:`Atomics`,target:globalThis,violationType:`atomics`,strategy:`throw`,reason:`Atomics could enable side-channel communication or timing attacks`},{prop:`performance`,target:globalThis,violationType:`performance_timing`,strategy:`throw`,reason:`performance.now() provides sub-millisecond timing for side-channel attacks`},{prop:`stdout`,target:process,violationType:`process_stdout`,strategy:`throw`,reason:`process.stdout could bypass interpreter output to write to host stdout`},{prop:`stderr`,target:process,violationType:`process_stderr`,strategy:`throw`,reason:`process.stderr could bypass interpreter output to write to host stderr`},{prop:`__defineGetter__`,target:Object.prototype,violationType:`prototype_mutation`,strategy:`throw`,reason:`__defineGetter__ allows prototype pollution via getter injection`},{prop:`__defineSetter__`,target:Object.prototype,violationType:`prototype_mutation`,strategy:`throw`,reason:`__defineSetter__ allows prototype pollution via setter injection`},{prop:`__lookupGetter__`,target:Object.prototype,violationType:`prototype_mutation`,strategy:`throw`,reason:`__lookupGetter__ enables introspection for prototype pollution attacks`},{prop:`__lookupSetter__`,target:Object.prototype,violationType:`prototype_mutation`,strategy:`throw`,reason:`__lookupSetter__ enables introspection for prototype pollution attacks`},{prop:`JSON`,target:globalThis,violationType:`json_mutation`,strategy:`freeze`,reason:`Freeze JSON to prevent mutation of parsing/serialization`},{prop:`Math`,target:globalThis,violationType:`math_mutation`,strategy:`freeze`,reason:`Freeze Math to prevent mutation of math utilities`}];try{let t=Object.getPrototypeOf(async()=>{}).constructor;t&&t!==Function&&e.push({prop:`constructor`,target:Object.getPrototypeOf(async()=>{}),violationType:`async_function_constructor`,strategy:`throw`,reason:`AsyncFunction constructor allows arbitrary async code execution`})}catch{}try{let t=Object.getPrototypeOf(function*(){}).constructor;t&&t!==Function&&e.push({prop:`constructor`,target:Object.getPrototypeOf(function*(){}),violationType:`generator_function_constructor`,strategy:`throw`,reason:`GeneratorFunction constructor allows arbitrary generator code execution`})}catch{}try{let t=Object.getPrototypeOf(async function*(){}).constructor;t&&t!==Function&&t!==Object.getPrototypeOf(async()=>{}).constructor&&e.push({prop:`constructor`,target:Object.getPrototypeOf(async function*(){}),violationType:`async_generator_function_constructor`,strategy:`throw`,reason:`AsyncGeneratorFunction constructor allows arbitrary async generator code execution`})}catch{}let t=e.filter(e=>{try{return e.target[e.prop]!==void 0}catch{return!1}});return u??=new Set(t.map(({violationType:e})=>e)),t}var p=performance.timeOrigin,m=performance.now.bind(performance);function h(){return Math.floor(p+m())}var g=new Set([`function_constructor`,`async_function_constructor`,`generator_function_constructor`,`async_generator_function_constructor`]);function _(e){let t=e?.find(e=>g.has(e));if(t)throw RangeError(`defenseInDepth.excludeViolationTypes cannot disable the non-excludable "${t}" protection`)}var v=`

This is a defense-in-depth measure and indicates a bug in just-bash. Please report this at security@vercel.com`;function y(e,t,n){let r=n&&!g.has(t)?`

If this access is required by trusted host-runtime code, add "${t}" to defenseInDepth.excludeViolationTypes.`:``;return e+v+r}var b=typeof __BROWSER__<`u`&&__BROWSER__,x=null,S=null;if(!b)try{x=c.AsyncLocalStorage,S=l,S.Module??S.default}catch{}!b&&x&&new x;var C=new Set([`error_prepare_stack_trace`,`module_load`,`module_resolve_filename`,`process_main_module`,`process_exec_path`,`process_connected`]),w=class extends Error{constructor(e,t){super(y(e,t.type,C.has(t.type)||d().has(t.type))),this.violation=t,this.name=`WorkerSecurityViolationError`}violation},ee=1e3,T=null;try{let t=process.getBuiltinModule,n=typeof t==`function`?t(`module`):typeof e==`function`?e(`node:module`):null;T=n?.Module??n?.default??null,typeof t==`function`&&t(`worker_threads`)?.isMainThread===!1&&t(`crypto`)?.randomUUID?.()}catch{T=null}function E(){return typeof crypto<`u`&&crypto.randomUUID?crypto.randomUUID():`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.replace(/[xy]/g,e=>{let t=Math.random()*16|0;return(e===`x`?t:t&3|8).toString(16)})}var D=class{config;isActivated=!1;originalDescriptors=[];patchFailures=[];violations=[];executionId;originalProxy;inTrap=!1;constructor(e){_(e.excludeViolationTypes),this.originalProxy=Proxy,this.config=e,this.executionId=E(),e.enabled!==!1&&this.activate()}getStats(){return{violationsBlocked:this.violations.length,violations:[...this.violations],isActive:this.isActivated}}clearViolations(){this.violations=[]}getExecutionId(){return this.executionId}deactivate(){this.isActivated&&=(this.restorePatches(),!1)}activate(){if(!this.isActivated)try{this.applyPatches(),this.isActivated=!0}catch(e){throw this.restorePatches(),this.isActivated=!1,e}}getPathForTarget(e,t){return e===globalThis?`globalThis.${t}`:typeof process<`u`&&e===process?`process.${t}`:e===Error?`Error.${t}`:e===Function.prototype?`Function.prototype.${t}`:e===Object.prototype?`Object.prototype.${t}`:`<object>.${t}`}recordViolation(e,t,n){let r={timestamp:h(),type:e,message:n,path:t,stack:Error().stack,executionId:this.executionId};if(this.violations.length<ee&&this.violations.push(r),this.config.onViolation)try{this.config.onViolation(r)}catch(e){console.debug(`[WorkerDefenseInDepth] onViolation callback threw:`,e instanceof Error?e.message:e)}return r}createBlockingProxy(e,t,n){let r=this,i=this.config.auditMode;return new this.originalProxy(e,{apply(e,a,o){let s=`${t} is blocked in worker context`,c=r.recordViolation(n,t,s);if(!i)throw new w(s,c);return Reflect.apply(e,a,o)},construct(e,a,o){let s=`${t} constructor is blocked in worker context`,c=r.recordViolation(n,t,s);if(!i)throw new w(s,c);return Reflect.construct(e,a,o)}})}createBlockingObjectProxy(e,t,n,r){let i=this,a=this.config.auditMode;return new this.originalProxy(e,{get(e,o,s){if(i.inTrap||r&&typeof o==`string`&&r.has(o))return Reflect.get(e,o,s);i.inTrap=!0;try{let r=`${t}.${String(o)}`,c=`${r} is blocked in worker context`,l=i.recordViolation(n,r,c);if(!a)throw new w(c,l);return Reflect.get(e,o,s)}finally{i.inTrap=!1}},set(e,r,o,s){let c=()=>t===`process.env`&&r===`DEBUG`?Reflect.set(e,r,o):Reflect.set(e,r,o,s);if(i.inTrap)return c();i.inTrap=!0;try{let e=`${t}.${String(r)}`,o=`${e} modification is blocked in worker context`,s=i.recordViolation(n,e,o);if(!a)throw new w(o,s);return c()}finally{i.inTrap=!1}},ownKeys(e){if(i.inTrap)return Reflect.ownKeys(e);i.inTrap=!0;try{let r=`${t} enumeration is blocked in worker context`,o=i.recordViolation(n,t,r);if(!a)throw new w(r,o);return Reflect.ownKeys(e)}finally{i.inTrap=!1}},getOwnPropertyDescriptor(e,r){if(i.inTrap)return Reflect.getOwnPropertyDescriptor(e,r);i.inTrap=!0;try{let o=`${t}.${String(r)}`,s=`${o} descriptor access is blocked in worker context`,c=i.recordViolation(n,o,s);if(!a)throw new w(s,c);return Reflect.getOwnPropertyDescriptor(e,r)}finally{i.inTrap=!1}},has(e,r){if(i.inTrap)return Reflect.has(e,r);i.inTrap=!0;try{let o=`${t}.${String(r)}`,s=`${o} existence check is blocked in worker context`,c=i.recordViolation(n,o,s);if(!a)throw new w(s,c);return Reflect.has(e,r)}finally{i.inTrap=!1}},deleteProperty(e,r){if(i.inTrap)return Reflect.deleteProperty(e,r);i.inTrap=!0;try{let o=`${t}.${String(r)}`,s=`${o} deletion is blocked in worker context`,c=i.recordViolation(n,o,s);if(!a)throw new w(s,c);return Reflect.deleteProperty(e,r)}finally{i.inTrap=!1}},setPrototypeOf(e,r){if(i.inTrap)return Reflect.setPrototypeOf(e,r);i.inTrap=!0;try{let o=`${t} setPrototypeOf is blocked in worker context`,s=i.recordViolation(n,t,o);if(!a)throw new w(o,s);return Reflect.setPrototypeOf(e,r)}finally{i.inTrap=!1}},defineProperty(e,r,o){if(i.inTrap)return Reflect.defineProperty(e,r,o);i.inTrap=!0;try{let s=`${t}.${String(r)}`,c=`${s} defineProperty is blocked in worker context`,l=i.recordViolation(n,s,c);if(!a)throw new w(c,l);return Reflect.defineProperty(e,r,o)}finally{i.inTrap=!1}}})}createReadonlyObjectProxy(e,t,n){let r=this.config.auditMode,i=e=>{let i=`${t} ${e} is blocked in worker context`,a=this.recordViolation(n,t,i);if(!r)throw new w(i,a)};return new this.originalProxy(e,{set(e,t,n,r){return i(`modification`),Reflect.set(e,t,n,r)},defineProperty(e,t,n){return i(`defineProperty`),Reflect.defineProperty(e,t,n)},deleteProperty(e,t){return i(`deletion`),Reflect.deleteProperty(e,t)},setPrototypeOf(e,t){return i(`setPrototypeOf`),Reflect.setPrototypeOf(e,t)},preventExtensions(e){return i(`preventExtensions`),Reflect.preventExtensions(e)}})}applyPatches(){this.patchFailures=[];let e=f(),t=new Set(this.config.excludeViolationTypes??[]),n=new Set([`on`,`once`,`addListener`,`prependListener`,`prependOnceListener`]),r=[];for(let i of e)if(!t.has(i.violationType)&&!(i.target===process&&n.has(i.prop))){if(i.strategy===`freeze`){r.push(i);continue}this.applyPatch(i)}t.has(`function_constructor`)||this.protectConstructorChain(t),t.has(`error_prepare_stack_trace`)||this.protectErrorPrepareStackTrace(),t.has(`module_load`)||this.protectModuleLoad(),t.has(`module_resolve_filename`)||this.protectModuleResolveFilename(),t.has(`process_main_module`)||this.protectProcessMainModule(),t.has(`process_exec_path`)||this.protectProcessExecPath(),t.has(`process_connected`)||this.protectProcessConnected(),t.has(`proxy`)||this.protectProxyRevocable();let i=[`Function.prototype.constructor`,`Module._load`,`Module._resolveFilename`],a=this.patchFailures.filter(e=>i.includes(e));if(a.length>0)throw this.restorePatches(),Error(`WorkerDefenseInDepth: critical patches failed: ${a.join(`, `)}`);for(let e of r)this.applyPatch(e);this.lockWellKnownSymbols()}lockWellKnownSymbols(){let e=(e,t)=>{try{let n=Object.getOwnPropertyDescriptor(e,t);if(n?.configurable){if(`value`in n){Object.defineProperty(e,t,{...n,configurable:!1,writable:!1});return}Object.defineProperty(e,t,{...n,configurable:!1})}}catch{}};for(let t of[Array,Map,Set,RegExp,Promise])e(t,Symbol.species);for(let t of[Array.prototype,String.prototype,Map.prototype,Set.prototype])e(t,Symbol.iterator);e(Symbol.prototype,Symbol.toPrimitive),e(Date.prototype,Symbol.toPrimitive);for(let t of[Symbol.match,Symbol.matchAll,Symbol.replace,Symbol.search,Symbol.split])e(RegExp.prototype,t);e(Function.prototype,Symbol.hasInstance),e(Array.prototype,Symbol.unscopables);for(let t of[Map.prototype,Set.prototype,Promise.prototype,ArrayBuffer.prototype])e(t,Symbol.toStringTag)}protectProxyRevocable(){let e=this,t=this.config.auditMode;try{let n=this.originalProxy.revocable;if(typeof n!=`function`)return;let r=Object.getOwnPropertyDescriptor(this.originalProxy,`revocable`);this.originalDescriptors.push({target:this.originalProxy,prop:`revocable`,descriptor:r}),Object.defineProperty(this.originalProxy,"revocable",{value:function(r,i){let a=`Proxy.revocable is blocked in worker context`,o=e.recordViolation(`proxy`,`Proxy.revocable`,a);if(!t)throw new w(a,o);return n(r,i)},writable:!1,configurable:!0})}catch{}}protectConstructorChain(e){let t=null,n=null,r=null;try{t=Object.getPrototypeOf(async()=>{}).constructor}catch{}try{n=Object.getPrototypeOf(function*(){}).constructor}catch{}try{r=Object.getPrototypeOf(async function*(){}).constructor}catch{}this.patchPrototypeConstructor(Function.prototype,`Function.prototype.constructor`,`function_constructor`),!e.has(`async_function_constructor`)&&t&&t!==Function&&this.patchPrototypeConstructor(t.prototype,`AsyncFunction.prototype.constructor`,`async_function_constructor`),!e.has(`generator_function_constructor`)&&n&&n!==Function&&this.patchPrototypeConstructor(n.prototype,`GeneratorFunction.prototype.constructor`,`generator_function_constructor`),!e.has(`async_generator_function_constructor`)&&r&&r!==Function&&r!==t&&this.patchPrototypeConstructor(r.prototype,`AsyncGeneratorFunction.prototype.constructor`,`async_generator_function_constructor`)}protectErrorPrepareStackTrace(){let e=this,t=this.config.auditMode;try{let n=Object.getOwnPropertyDescriptor(Error,`prepareStackTrace`);this.originalDescriptors.push({target:Error,prop:`prepareStackTrace`,descriptor:n});let r=n?.value;Object.defineProperty(Error,"prepareStackTrace",{get(){return r},set(n){let i=`Error.prepareStackTrace modification is blocked in worker context`,a=e.recordViolation(`error_prepare_stack_trace`,`Error.prepareStackTrace`,i);if(!t)throw new w(i,a);r=n},configurable:!0})}catch{}}patchPrototypeConstructor(e,t,n){let r=this,i=this.config.auditMode;try{let a=Object.getOwnPropertyDescriptor(e,`constructor`);this.originalDescriptors.push({target:e,prop:`constructor`,descriptor:a});let o=a?.value,s=o&&typeof o==`function`?new this.originalProxy(o,{apply(e,a,o){let s=`${t} invocation is blocked in worker context`,c=r.recordViolation(n,t,s);if(!i)throw new w(s,c)},construct(e,a,o){let s=`${t} construction is blocked in worker context`,c=r.recordViolation(n,t,s);if(!i)throw new w(s,c);return{}},get(e,t,n){return Reflect.get(e,t,n)},getPrototypeOf(e){return Reflect.getPrototypeOf(e)},has(e,t){return Reflect.has(e,t)},ownKeys(e){return Reflect.ownKeys(e)},getOwnPropertyDescriptor(e,t){return Reflect.getOwnPropertyDescriptor(e,t)}}):o;Object.defineProperty(e,"constructor",{get(){return s},set(e){let a=`${t} modification is blocked in worker context`,o=r.recordViolation(n,t,a);if(!i)throw new w(a,o);Object.defineProperty(this,"constructor",{value:e,writable:!0,configurable:!0})},configurable:!0})}catch{this.patchFailures.push(t)}}protectProcessMainModule(){if(typeof process>`u`)return;let e=this,t=this.config.auditMode;try{let n=Object.getOwnPropertyDescriptor(process,`mainModule`);this.originalDescriptors.push({target:process,prop:`mainModule`,descriptor:n});let r=n?.value;r!==void 0&&Object.defineProperty(process,"mainModule",{get(){let n=`process.mainModule access is blocked in worker context`,i=e.recordViolation(`process_main_module`,`process.mainModule`,n);if(!t)throw new w(n,i);return r},set(n){let r=`process.mainModule modification is blocked in worker context`,i=e.recordViolation(`process_main_module`,`process.mainModule`,r);if(!t)throw new w(r,i);Object.defineProperty(process,"mainModule",{value:n,writable:!0,configurable:!0})},configurable:!0})}catch{}}protectProcessExecPath(){if(typeof process>`u`)return;let e=this,t=this.config.auditMode;try{let n=Object.getOwnPropertyDescriptor(process,`execPath`);this.originalDescriptors.push({target:process,prop:`execPath`,descriptor:n});let r=n?.value??process.execPath;Object.defineProperty(process,"execPath",{get(){let n=`process.execPath access is blocked in worker context`,i=e.recordViolation(`process_exec_path`,`process.execPath`,n);if(!t)throw new w(n,i);return r},set(n){let r=`process.execPath modification is blocked in worker context`,i=e.recordViolation(`process_exec_path`,`process.execPath`,r);if(!t)throw new w(r,i);Object.defineProperty(process,"execPath",{value:n,writable:!0,configurable:!0})},configurable:!0})}catch{}}protectProcessConnected(){if(typeof process>`u`||process.connected===void 0)return;let e=this,t=this.config.auditMode;try{let n=Object.getOwnPropertyDescriptor(process,`connected`);this.originalDescriptors.push({target:process,prop:`connected`,descriptor:n});let r=n?.value??process.connected;Object.defineProperty(process,"connected",{get(){let n=`process.connected access is blocked in worker context`,i=e.recordViolation(`process_connected`,`process.connected`,n);if(!t)throw new w(n,i);return r},set(n){let r=`process.connected modification is blocked in worker context`,i=e.recordViolation(`process_connected`,`process.connected`,r);if(!t)throw new w(r,i);Object.defineProperty(process,"connected",{value:n,writable:!0,configurable:!0})},configurable:!0})}catch{}}protectModuleLoad(){this.protectModuleMethod(`_load`,`module_load`)}protectModuleResolveFilename(){this.protectModuleMethod(`_resolveFilename`,`module_resolve_filename`)}protectModuleMethod(e,t){let n=`Module.${e}`,r=this,i=this.config.auditMode;try{let a=T,o=a?.[e];if(!a||typeof o!=`function`)throw Error(`node:module Module class or method is unavailable`);let s=Object.getOwnPropertyDescriptor(a,e);if(!s)throw Error(`method descriptor is unavailable`);if(s.configurable===!1&&s.writable===!1)throw Error(`method is non-configurable and non-writable`);let c=new this.originalProxy(o,{apply(e,a,o){let s=`${n} is blocked in worker context`,c=r.recordViolation(t,n,s);if(!i)throw new w(s,c);return Reflect.apply(e,a,o)}});this.originalDescriptors.push({target:a,prop:e,descriptor:s}),Object.defineProperty(a,e,{...s,value:c});let l=Object.getOwnPropertyDescriptor(a,e);if(a[e]!==c||l?.value!==c)throw Error(`installed patch failed verification`)}catch{this.patchFailures.push(n)}}applyPatch(e){let{target:t,prop:n,violationType:r,strategy:i}=e;try{let a=t[n];if(a===void 0)return;let o=Object.getOwnPropertyDescriptor(t,n);if(this.originalDescriptors.push({target:t,prop:n,descriptor:o}),i===`freeze`){if(typeof a==`object`&&a){Object.freeze(a);let e=this.getPathForTarget(t,n),i=this.createReadonlyObjectProxy(a,e,r);Object.defineProperty(t,n,{...o,value:i})}}else{let i=this.getPathForTarget(t,n),o=typeof a==`function`?this.createBlockingProxy(a,i,r):this.createBlockingObjectProxy(a,i,r,e.allowedKeys);Object.defineProperty(t,n,{value:o,writable:!0,configurable:!0})}}catch{}}restorePatches(){for(let e=this.originalDescriptors.length-1;e>=0;e--){let{target:t,prop:n,descriptor:r}=this.originalDescriptors[e];try{r?Object.defineProperty(t,n,r):delete t[n]}catch{}}this.originalDescriptors=[]}};function O(e){return o(e instanceof Error?e.message:String(e))}function k(e,t,n){return(...r)=>{try{return n(...r)}catch(n){let r=O(n);throw Error(`${e} ${t} callback failed: ${r}`)}}}globalThis.SharedArrayBuffer;var A=globalThis.Atomics;performance.now.bind(performance),globalThis.Headers,globalThis.Proxy;var j={NOOP:0,READ_FILE:1,WRITE_FILE:2,STAT:3,READDIR:4,MKDIR:5,RM:6,EXISTS:7,APPEND_FILE:8,SYMLINK:9,READLINK:10,LSTAT:11,CHMOD:12,REALPATH:13,RENAME:14,COPY_FILE:15,WRITE_STDOUT:100,WRITE_STDERR:101,EXIT:102,HTTP_REQUEST:200,EXEC_COMMAND:300,INVOKE_TOOL:400},M={PENDING:0,READY:1,SUCCESS:2,ERROR:3},N={NONE:0,NOT_FOUND:1,IS_DIRECTORY:2,NOT_DIRECTORY:3,EXISTS:4,PERMISSION_DENIED:5,INVALID_PATH:6,IO_ERROR:7,TIMEOUT:8,NETWORK_ERROR:9,NETWORK_NOT_CONFIGURED:10},P={OP_CODE:0,STATUS:4,PATH_LENGTH:8,DATA_LENGTH:12,RESULT_LENGTH:16,ERROR_CODE:20,FLAGS:24,MODE:28,PATH_BUFFER:32,DATA_BUFFER:4128},F={CONTROL_REGION:32,PATH_BUFFER:4096,DATA_BUFFER:8388608,TOTAL:8392736},I={NONE:0,RECURSIVE:1,FORCE:2,MKDIR_RECURSIVE:1},L={IS_FILE:0,IS_DIRECTORY:1,IS_SYMLINK:2,MODE:4,SIZE:8,MTIME:16,TOTAL:24},R=class{int32View;uint8View;dataView;constructor(e){this.int32View=new Int32Array(e),this.uint8View=new Uint8Array(e),this.dataView=new DataView(e)}getOpCode(){return A.load(this.int32View,P.OP_CODE/4)}setOpCode(e){A.store(this.int32View,P.OP_CODE/4,e)}getStatus(){return A.load(this.int32View,P.STATUS/4)}setStatus(e){A.store(this.int32View,P.STATUS/4,e)}getPathLength(){return A.load(this.int32View,P.PATH_LENGTH/4)}setPathLength(e){A.store(this.int32View,P.PATH_LENGTH/4,e)}getDataLength(){return A.load(this.int32View,P.DATA_LENGTH/4)}setDataLength(e){A.store(this.int32View,P.DATA_LENGTH/4,e)}getResultLength(){return A.load(this.int32View,P.RESULT_LENGTH/4)}setResultLength(e){A.store(this.int32View,P.RESULT_LENGTH/4,e)}getErrorCode(){return A.load(this.int32View,P.ERROR_CODE/4)}setErrorCode(e){A.store(this.int32View,P.ERROR_CODE/4,e)}getFlags(){return A.load(this.int32View,P.FLAGS/4)}setFlags(e){A.store(this.int32View,P.FLAGS/4,e)}getMode(){return A.load(this.int32View,P.MODE/4)}setMode(e){A.store(this.int32View,P.MODE/4,e)}getPath(){let e=this.getPathLength(),t=this.uint8View.slice(P.PATH_BUFFER,P.PATH_BUFFER+e);return new TextDecoder().decode(t)}setPath(e){let t=new TextEncoder().encode(e);if(t.length>F.PATH_BUFFER)throw Error(`Path too long: ${t.length} > ${F.PATH_BUFFER}`);this.uint8View.set(t,P.PATH_BUFFER),this.setPathLength(t.length)}getData(){let e=this.getDataLength();return this.uint8View.slice(P.DATA_BUFFER,P.DATA_BUFFER+e)}setData(e){if(e.length>F.DATA_BUFFER)throw Error(`Data too large: ${e.length} > ${F.DATA_BUFFER}`);this.uint8View.set(e,P.DATA_BUFFER),this.setDataLength(e.length)}getDataAsString(){let e=this.getData();return new TextDecoder().decode(e)}setDataFromString(e){let t=new TextEncoder().encode(e);this.setData(t)}getResult(){let e=this.getResultLength();return this.uint8View.slice(P.DATA_BUFFER,P.DATA_BUFFER+e)}setResult(e){if(e.length>F.DATA_BUFFER)throw Error(`Result too large: ${e.length} > ${F.DATA_BUFFER}`);this.uint8View.set(e,P.DATA_BUFFER),this.setResultLength(e.length)}getResultAsString(){let e=this.getResult();return new TextDecoder().decode(e)}setResultFromString(e){let t=new TextEncoder().encode(e);this.setResult(t)}encodeStat(e){this.uint8View[P.DATA_BUFFER+L.IS_FILE]=+!!e.isFile,this.uint8View[P.DATA_BUFFER+L.IS_DIRECTORY]=+!!e.isDirectory,this.uint8View[P.DATA_BUFFER+L.IS_SYMLINK]=+!!e.isSymbolicLink,this.dataView.setInt32(P.DATA_BUFFER+L.MODE,e.mode,!0);let t=Math.min(e.size,2**53-1);this.dataView.setFloat64(P.DATA_BUFFER+L.SIZE,t,!0),this.dataView.setFloat64(P.DATA_BUFFER+L.MTIME,e.mtime.getTime(),!0),this.setResultLength(L.TOTAL)}decodeStat(){return{isFile:this.uint8View[P.DATA_BUFFER+L.IS_FILE]===1,isDirectory:this.uint8View[P.DATA_BUFFER+L.IS_DIRECTORY]===1,isSymbolicLink:this.uint8View[P.DATA_BUFFER+L.IS_SYMLINK]===1,mode:this.dataView.getInt32(P.DATA_BUFFER+L.MODE,!0),size:this.dataView.getFloat64(P.DATA_BUFFER+L.SIZE,!0),mtime:new Date(this.dataView.getFloat64(P.DATA_BUFFER+L.MTIME,!0))}}waitForReady(e){return A.wait(this.int32View,P.STATUS/4,M.PENDING,e)}waitForReadyAsync(e){return A.waitAsync(this.int32View,P.STATUS/4,M.PENDING,e)}async waitUntilReady(e){let t=Date.now();for(;;){let n=this.getStatus();if(n===M.READY)return!0;let r=Date.now()-t;if(r>=e)return!1;let i=e-r,a=A.waitAsync(this.int32View,P.STATUS/4,n,i);if(a.async&&await a.value===`timed-out`)return!1}}waitForResult(e){return A.wait(this.int32View,P.STATUS/4,M.READY,e)}notify(){return A.notify(this.int32View,P.STATUS/4)}reset(){this.setOpCode(j.NOOP),this.setStatus(M.PENDING),this.setPathLength(0),this.setDataLength(0),this.setResultLength(0),this.setErrorCode(N.NONE),this.setFlags(I.NONE),this.setMode(0)}},te=class{protocol;operationTimeoutMs;constructor(e,t=3e4){this.protocol=new R(e),this.operationTimeoutMs=t}execSync(e,t,n,r=0,i=0){return this.protocol.reset(),this.protocol.setOpCode(e),this.protocol.setPath(t),this.protocol.setFlags(r),this.protocol.setMode(i),n&&this.protocol.setData(n),this.protocol.setStatus(M.READY),this.protocol.notify(),this.protocol.waitForResult(this.operationTimeoutMs)===`timed-out`?{success:!1,error:`Operation timed out`}:this.protocol.getStatus()===M.SUCCESS?{success:!0,result:this.protocol.getResult()}:{success:!1,error:this.protocol.getResultAsString()||`Error code: ${this.protocol.getErrorCode()}`}}readFile(e){let t=this.execSync(j.READ_FILE,e);if(!t.success)throw Error(t.error||`Failed to read file`);return t.result??new Uint8Array}writeFile(e,t){let n=this.execSync(j.WRITE_FILE,e,t);if(!n.success)throw Error(n.error||`Failed to write file`)}stat(e){let t=this.execSync(j.STAT,e);if(!t.success)throw Error(t.error||`Failed to stat`);return this.protocol.decodeStat()}lstat(e){let t=this.execSync(j.LSTAT,e);if(!t.success)throw Error(t.error||`Failed to lstat`);return this.protocol.decodeStat()}readdir(e){let t=this.execSync(j.READDIR,e);if(!t.success)throw Error(t.error||`Failed to readdir`);return JSON.parse(this.protocol.getResultAsString())}mkdir(e,t=!1){let n=t?I.MKDIR_RECURSIVE:0,r=this.execSync(j.MKDIR,e,void 0,n);if(!r.success)throw Error(r.error||`Failed to mkdir`)}rm(e,t=!1,n=!1){let r=0;t&&(r|=I.RECURSIVE),n&&(r|=I.FORCE);let i=this.execSync(j.RM,e,void 0,r);if(!i.success)throw Error(i.error||`Failed to rm`)}exists(e){let t=this.execSync(j.EXISTS,e);return t.success?t.result?.[0]===1:!1}appendFile(e,t){let n=this.execSync(j.APPEND_FILE,e,t);if(!n.success)throw Error(n.error||`Failed to append file`)}symlink(e,t){let n=new TextEncoder().encode(e),r=this.execSync(j.SYMLINK,t,n);if(!r.success)throw Error(r.error||`Failed to symlink`)}readlink(e){let t=this.execSync(j.READLINK,e);if(!t.success)throw Error(t.error||`Failed to readlink`);return this.protocol.getResultAsString()}chmod(e,t){let n=this.execSync(j.CHMOD,e,void 0,0,t);if(!n.success)throw Error(n.error||`Failed to chmod`)}realpath(e){let t=this.execSync(j.REALPATH,e);if(!t.success)throw Error(t.error||`Failed to realpath`);return this.protocol.getResultAsString()}rename(e,t){let n=new TextEncoder().encode(t),r=this.execSync(j.RENAME,e,n);if(!r.success)throw Error(r.error||`Failed to rename`)}copyFile(e,t){let n=new TextEncoder().encode(t),r=this.execSync(j.COPY_FILE,e,n);if(!r.success)throw Error(r.error||`Failed to copyFile`)}writeStdout(e){let t=new TextEncoder().encode(e),n=this.execSync(j.WRITE_STDOUT,``,t);if(!n.success)throw Error(n.error||`Failed to write stdout`)}writeStderr(e){let t=new TextEncoder().encode(e),n=this.execSync(j.WRITE_STDERR,``,t);if(!n.success)throw Error(n.error||`Failed to write stderr`)}exit(e){this.execSync(j.EXIT,``,void 0,e)}httpRequest(e,t){let n=t?new TextEncoder().encode(JSON.stringify(t)):void 0,r=this.execSync(j.HTTP_REQUEST,e,n);if(!r.success)throw Error(r.error||`HTTP request failed`);let i=new TextDecoder().decode(r.result),a=JSON.parse(i),o=a.bodyBase64??``,s=atob(o);return{status:a.status,statusText:a.statusText,headers:a.headers,url:a.url,body:s,bodyBase64:o}}execCommand(e,t){let n=t?new TextEncoder().encode(JSON.stringify({stdin:t})):void 0,r=this.execSync(j.EXEC_COMMAND,e,n);if(!r.success)throw Error(r.error||`Command execution failed`);let i=new TextDecoder().decode(r.result);return JSON.parse(i)}execCommandArgs(e,t){let n=new TextEncoder().encode(JSON.stringify({args:t})),r=this.execSync(j.EXEC_COMMAND,e,n);if(!r.success)throw Error(r.error||`Command execution failed`);let i=new TextDecoder().decode(r.result);return JSON.parse(i)}invokeTool(e,t){let n=t?new TextEncoder().encode(t):void 0,r=this.execSync(j.INVOKE_TOOL,e,n);if(!r.success)throw Error(r.error||`Tool invocation failed`);return new TextDecoder().decode(r.result)}};import{readFileSync as ne}from"node:fs";var z=t(import.meta.url),B=`/vendor/cpython-emscripten/python.cjs`,V=`/vendor/cpython-emscripten/python313.zip`,H=!1;function U(e){return e.replace(/\\/g,`/`)}function W(e){return U(e).endsWith(B)}function G(e){return U(e).endsWith(V)}function K(e,t){if(!(t===`cpython-entry`?W(e):G(e)))throw Error(`[Defense-in-depth] rejected ${t} path outside approved vendor bundle: ${e}`)}try{let e=z(`node:module`);if(typeof e._load==`function`&&typeof e._resolveFilename==`function`){let t=e._load,n=e._resolveFilename,r=new Set(`child_process.node:child_process.cluster.node:cluster.dgram.node:dgram.dns.node:dns.net.node:net.tls.node:tls.vm.node:vm.v8.node:v8.inspector.node:inspector.inspector/promises.node:inspector/promises.trace_events.node:trace_events.perf_hooks.node:perf_hooks.worker_threads.node:worker_threads`.split(`.`));e._load=function(e,...n){if(r.has(e))throw Error(`[Defense-in-depth] require('${e}') is blocked in worker context`);return t.apply(this,[e,...n])},e._resolveFilename=function(e,...t){if(r.has(e))throw Error(`[Defense-in-depth] resolving '${e}' is blocked in worker context`);return n.apply(this,[e,...t])},H=!0}}catch{}var q;try{q=z.resolve(`../../../vendor/cpython-emscripten/python.cjs`)}catch{q=n(import.meta.url).replace(`file://`,``)+`/../../../vendor/cpython-emscripten/python.cjs`}K(q,`cpython-entry`);var J=`${n(q)}/python313.zip`;K(J,`cpython-stdlib`);function Y(e,t,n,r){let i=Number.isSafeInteger(r)&&r>=0?r:0,a=Object.assign(Object.create(null),{EPERM:63,ENOENT:44,EIO:29,EBADF:8,EAGAIN:6,EACCES:2,EBUSY:10,EEXIST:20,ENOTDIR:54,EISDIR:31,EINVAL:28,EFBIG:27,EMFILE:33,ENOSPC:51,ESPIPE:70,EROFS:69,ENOTEMPTY:55,ENOSYS:52,ENOTSUP:138,ENODATA:42});function o(e){let t=[];for(;e.parent!==e;)t.push(e.name),e=e.parent;return t.push(e.mount.opts.root),t.reverse(),n.join(...t)}function s(e){try{return e()}catch(e){let n=e?.message?.toLowerCase()||(typeof e==`string`?e.toLowerCase():``),r=a.EIO;throw n.includes(`no such file`)||n.includes(`not found`)?r=a.ENOENT:n.includes(`is a directory`)?r=a.EISDIR:n.includes(`not a directory`)?r=a.ENOTDIR:n.includes(`already exists`)?r=a.EEXIST:n.includes(`permission`)?r=a.EACCES:n.includes(`not empty`)&&(r=a.ENOTEMPTY),new t.ErrnoError(r)}}function c(t){return s(()=>{let n=e.stat(t),r=n.mode&511;return n.isDirectory?r|=16384:n.isSymbolicLink?r|=40960:r|=32768,r})}let l={mount(e){return l.createNode(null,`/`,16877,0)},createNode(e,n,r,i){if(!t.isDir(r)&&!t.isFile(r)&&!t.isLink(r))throw new t.ErrnoError(a.EINVAL);let o=t.createNode(e,n,r,i);return o.node_ops=l.node_ops,o.stream_ops=l.stream_ops,o},node_ops:{getattr(t){let n=o(t);return s(()=>{let r=e.stat(n),i=r.mode&511;return r.isDirectory?i|=16384:r.isSymbolicLink?i|=40960:i|=32768,{dev:1,ino:t.id,mode:i,nlink:1,uid:0,gid:0,rdev:0,size:r.size,atime:r.mtime,mtime:r.mtime,ctime:r.mtime,blksize:4096,blocks:Math.ceil(r.size/512)}})},setattr(n,r){let c=o(n),l=r.mode;if(l!==void 0&&(s(()=>e.chmod(c,l)),n.mode=l),r.size!==void 0){if(!Number.isSafeInteger(r.size)||r.size<0||r.size>i)throw new t.ErrnoError(a.EFBIG);s(()=>{let t=e.readFile(c),n=new Uint8Array(r.size);n.set(t.subarray(0,r.size)),e.writeFile(c,n)})}},lookup(e,t){let r=c(n.join2(o(e),t));return l.createNode(e,t,r)},mknod(n,r,i,a){let c=l.createNode(n,r,i,a),u=o(c);return s(()=>{t.isDir(c.mode)?e.mkdir(u,!1):e.writeFile(u,new Uint8Array)}),c},rename(t,r,i){let a=o(t),c=n.join2(o(r),i);s(()=>{let t=e.readFile(a);e.writeFile(c,t),e.rm(a,!1,!1)}),t.name=i},unlink(t,r){let i=n.join2(o(t),r);s(()=>e.rm(i,!1,!1))},rmdir(t,r){let i=n.join2(o(t),r);s(()=>e.rm(i,!1,!1))},readdir(t){let n=o(t);return s(()=>e.readdir(n))},symlink(t,r,i){let a=n.join2(o(t),r);s(()=>e.symlink(i,a))},readlink(t){let n=o(t);return s(()=>e.readlink(n))}},stream_ops:{open(n){let r=o(n.node),s=n.flags,c=s&3,l=c===1||c===2,u=!!(s&64),d=!!(s&512),f=!!(s&1024);if(t.isDir(n.node.mode))return;let p;try{p=d&&l?new Uint8Array:e.readFile(r)}catch{if(u&&l)p=new Uint8Array;else throw new t.ErrnoError(a.ENOENT)}if(p.length>i)throw new t.ErrnoError(a.EFBIG);n.hostContent=p,n.hostModified=d&&l,n.hostPath=r,f&&(n.position=p.length)},close(t){let n=t.hostPath,r=t.hostContent;t.hostModified&&r&&n&&s(()=>e.writeFile(n,r)),delete t.hostContent,delete t.hostModified,delete t.hostPath},read(e,t,n,r,i){let a=e.hostContent;if(!a)return 0;let o=a.length;if(i>=o)return 0;let s=Math.min(r,o-i);return t.set(a.subarray(i,i+s),n),s},write(e,n,r,o,s){if(!Number.isSafeInteger(s)||!Number.isSafeInteger(o)||!Number.isSafeInteger(r)||s<0||o<0||r<0||o>n.length-r||s>i-o)throw new t.ErrnoError(a.EFBIG);let c=e.hostContent||new Uint8Array,l=Math.max(c.length,s+o);if(l>c.length){let t=new Uint8Array(l);t.set(c),c=t,e.hostContent=c}return c.set(n.subarray(r,r+o),s),e.hostModified=!0,o},llseek(e,n,r){if(r!==0&&r!==1&&r!==2)throw new t.ErrnoError(a.EINVAL);let o=n;if(r===1)o+=e.position;else if(r===2&&t.isFile(e.node.mode)){let t=e.hostContent;o+=t?t.length:0}if(!Number.isSafeInteger(o)||o<0||o>i)throw new t.ErrnoError(a.EINVAL);return o}}};return l}function X(e){return`
import os
import sys
import json

${Object.entries(e.env).map(([e,t])=>`os.environ[${JSON.stringify(e)}] = ${JSON.stringify(t)}`).join(`
`)}

sys.argv = [${[e.scriptPath||`python3`,...e.args].map(e=>JSON.stringify(e)).join(`, `)}]

# Path redirection: redirect /absolute paths to /host mount
def _should_redirect(path):
    return (isinstance(path, str) and
            path.startswith('/') and
            not path.startswith('/lib') and
            not path.startswith('/proc') and
            not path.startswith('/host') and
            not path.startswith('/_jb_http'))

# builtins.open
import builtins
_orig_open = builtins.open
def _redir_open(path, mode='r', *args, **kwargs):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_open(path, mode, *args, **kwargs)
builtins.open = _redir_open

# os file operations
_orig_listdir = os.listdir
def _redir_listdir(path='.'):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_listdir(path)
os.listdir = _redir_listdir

_orig_exists = os.path.exists
def _redir_exists(path):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_exists(path)
os.path.exists = _redir_exists

_orig_isfile = os.path.isfile
def _redir_isfile(path):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_isfile(path)
os.path.isfile = _redir_isfile

_orig_isdir = os.path.isdir
def _redir_isdir(path):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_isdir(path)
os.path.isdir = _redir_isdir

_orig_stat = os.stat
def _redir_stat(path, *args, **kwargs):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_stat(path, *args, **kwargs)
os.stat = _redir_stat

_orig_mkdir = os.mkdir
def _redir_mkdir(path, *args, **kwargs):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_mkdir(path, *args, **kwargs)
os.mkdir = _redir_mkdir

_orig_makedirs = os.makedirs
def _redir_makedirs(path, *args, **kwargs):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_makedirs(path, *args, **kwargs)
os.makedirs = _redir_makedirs

_orig_remove = os.remove
def _redir_remove(path, *args, **kwargs):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_remove(path, *args, **kwargs)
os.remove = _redir_remove

_orig_rmdir = os.rmdir
def _redir_rmdir(path, *args, **kwargs):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_rmdir(path, *args, **kwargs)
os.rmdir = _redir_rmdir

_orig_getcwd = os.getcwd
def _redir_getcwd():
    cwd = _orig_getcwd()
    if cwd.startswith('/host'):
        return cwd[5:]
    return cwd
os.getcwd = _redir_getcwd

_orig_chdir = os.chdir
def _redir_chdir(path):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_chdir(path)
os.chdir = _redir_chdir

# glob
import glob as _glob_module
_orig_glob = _glob_module.glob
def _redir_glob(pathname, *args, **kwargs):
    if _should_redirect(pathname):
        pathname = '/host' + pathname
    return _orig_glob(pathname, *args, **kwargs)
_glob_module.glob = _redir_glob

_orig_iglob = _glob_module.iglob
def _redir_iglob(pathname, *args, **kwargs):
    if _should_redirect(pathname):
        pathname = '/host' + pathname
    return _orig_iglob(pathname, *args, **kwargs)
_glob_module.iglob = _redir_iglob

# os.walk
_orig_walk = os.walk
def _redir_walk(top, *args, **kwargs):
    redirected = False
    if _should_redirect(top):
        top = '/host' + top
        redirected = True
    for dirpath, dirnames, filenames in _orig_walk(top, *args, **kwargs):
        if redirected and dirpath.startswith('/host'):
            dirpath = dirpath[5:] if len(dirpath) > 5 else '/'
        yield dirpath, dirnames, filenames
os.walk = _redir_walk

# os.scandir
_orig_scandir = os.scandir
def _redir_scandir(path='.'):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_scandir(path)
os.scandir = _redir_scandir

# io.open and io.open_code
import io as _io_module
_io_module.open = builtins.open

# runpy uses io.open_code rather than builtins.open/io.open. Redirect it
# separately so code loading keeps the logical path in __file__ and argv.
_orig_open_code = _io_module.open_code
def _redir_open_code(path):
    if _should_redirect(path):
        path = '/host' + path
    return _orig_open_code(path)
_io_module.open_code = _redir_open_code

# shutil
import shutil as _shutil_module

_orig_shutil_copy = _shutil_module.copy
def _redir_shutil_copy(src, dst, *args, **kwargs):
    if _should_redirect(src): src = '/host' + src
    if _should_redirect(dst): dst = '/host' + dst
    return _orig_shutil_copy(src, dst, *args, **kwargs)
_shutil_module.copy = _redir_shutil_copy

_orig_shutil_copy2 = _shutil_module.copy2
def _redir_shutil_copy2(src, dst, *args, **kwargs):
    if _should_redirect(src): src = '/host' + src
    if _should_redirect(dst): dst = '/host' + dst
    return _orig_shutil_copy2(src, dst, *args, **kwargs)
_shutil_module.copy2 = _redir_shutil_copy2

_orig_shutil_copyfile = _shutil_module.copyfile
def _redir_shutil_copyfile(src, dst, *args, **kwargs):
    if _should_redirect(src): src = '/host' + src
    if _should_redirect(dst): dst = '/host' + dst
    return _orig_shutil_copyfile(src, dst, *args, **kwargs)
_shutil_module.copyfile = _redir_shutil_copyfile

_orig_shutil_copytree = _shutil_module.copytree
def _redir_shutil_copytree(src, dst, *args, **kwargs):
    if _should_redirect(src): src = '/host' + src
    if _should_redirect(dst): dst = '/host' + dst
    return _orig_shutil_copytree(src, dst, *args, **kwargs)
_shutil_module.copytree = _redir_shutil_copytree

_orig_shutil_move = _shutil_module.move
def _redir_shutil_move(src, dst, *args, **kwargs):
    if _should_redirect(src): src = '/host' + src
    if _should_redirect(dst): dst = '/host' + dst
    return _orig_shutil_move(src, dst, *args, **kwargs)
_shutil_module.move = _redir_shutil_move

_orig_shutil_rmtree = _shutil_module.rmtree
def _redir_shutil_rmtree(path, *args, **kwargs):
    if _should_redirect(path): path = '/host' + path
    return _orig_shutil_rmtree(path, *args, **kwargs)
_shutil_module.rmtree = _redir_shutil_rmtree

# pathlib.Path
from pathlib import Path

def _redirect_path(p):
    s = str(p)
    if _should_redirect(s):
        return Path('/host' + s)
    return p

Path._orig_stat = Path.stat
def _path_stat(self, *args, **kwargs):
    return _redirect_path(self)._orig_stat(*args, **kwargs)
Path.stat = _path_stat

Path._orig_exists = Path.exists
def _path_exists(self):
    return _redirect_path(self)._orig_exists()
Path.exists = _path_exists

Path._orig_is_file = Path.is_file
def _path_is_file(self):
    return _redirect_path(self)._orig_is_file()
Path.is_file = _path_is_file

Path._orig_is_dir = Path.is_dir
def _path_is_dir(self):
    return _redirect_path(self)._orig_is_dir()
Path.is_dir = _path_is_dir

Path._orig_open = Path.open
def _path_open(self, *args, **kwargs):
    return _redirect_path(self)._orig_open(*args, **kwargs)
Path.open = _path_open

Path._orig_read_text = Path.read_text
def _path_read_text(self, *args, **kwargs):
    return _redirect_path(self)._orig_read_text(*args, **kwargs)
Path.read_text = _path_read_text

Path._orig_read_bytes = Path.read_bytes
def _path_read_bytes(self):
    return _redirect_path(self)._orig_read_bytes()
Path.read_bytes = _path_read_bytes

Path._orig_write_text = Path.write_text
def _path_write_text(self, *args, **kwargs):
    return _redirect_path(self)._orig_write_text(*args, **kwargs)
Path.write_text = _path_write_text

Path._orig_write_bytes = Path.write_bytes
def _path_write_bytes(self, data):
    return _redirect_path(self)._orig_write_bytes(data)
Path.write_bytes = _path_write_bytes

Path._orig_mkdir = Path.mkdir
def _path_mkdir(self, *args, **kwargs):
    return _redirect_path(self)._orig_mkdir(*args, **kwargs)
Path.mkdir = _path_mkdir

Path._orig_rmdir = Path.rmdir
def _path_rmdir(self):
    return _redirect_path(self)._orig_rmdir()
Path.rmdir = _path_rmdir

Path._orig_unlink = Path.unlink
def _path_unlink(self, *args, **kwargs):
    return _redirect_path(self)._orig_unlink(*args, **kwargs)
Path.unlink = _path_unlink

Path._orig_iterdir = Path.iterdir
def _path_iterdir(self):
    redirected = _redirect_path(self)
    for p in redirected._orig_iterdir():
        s = str(p)
        if s.startswith('/host'):
            yield Path(s[5:])
        else:
            yield p
Path.iterdir = _path_iterdir

Path._orig_glob = Path.glob
def _path_glob(self, pattern):
    redirected = _redirect_path(self)
    for p in redirected._orig_glob(pattern):
        s = str(p)
        if s.startswith('/host'):
            yield Path(s[5:])
        else:
            yield p
Path.glob = _path_glob

Path._orig_rglob = Path.rglob
def _path_rglob(self, pattern):
    redirected = _redirect_path(self)
    for p in redirected._orig_rglob(pattern):
        s = str(p)
        if s.startswith('/host'):
            yield Path(s[5:])
        else:
            yield p
Path.rglob = _path_rglob

# Set cwd to host mount
os.chdir('/host' + ${JSON.stringify(e.cwd)})
`}function re(e,t){let n=null,r=new TextEncoder,i=new TextDecoder,a={mount(e){return a.createNode(null,`/`,16877,0)},createNode(e,n,r,i){let o=t.createNode(e,n,r,i);return o.node_ops=a.node_ops,o.stream_ops=a.stream_ops,o},node_ops:{getattr(e){let t=e.name===`/`||e.parent===e;return{dev:1,ino:e.id,mode:t?16877:33206,nlink:1,uid:0,gid:0,rdev:0,size:n?n.length:0,atime:new Date,mtime:new Date,ctime:new Date,blksize:4096,blocks:0}},setattr(e,t){},lookup(e,t){return a.createNode(e,t,33206)},mknod(e,t,n,r){return a.createNode(e,t,n)},rename(){},unlink(){},rmdir(){},readdir(e){return[`request`]},symlink(){},readlink(e){return``}},stream_ops:{open(e){delete e.hostContent,e.hostModified=!1,!(e.flags&3)&&n&&(e.hostContent=n)},close(t){if(t.hostModified&&t.hostContent){let a=i.decode(t.hostContent);try{let t=JSON.parse(a),i=e.httpRequest(t.url,{method:t.method||`GET`,headers:t.headers||void 0,body:t.body||void 0});n=r.encode(JSON.stringify(i))}catch(e){let t=s(e.message);n=r.encode(JSON.stringify({error:t}))}}delete t.hostContent,delete t.hostModified},read(e,t,n,r,i){let a=e.hostContent;if(!a)return 0;let o=a.length;if(i>=o)return 0;let s=Math.min(r,o-i);return t.set(a.subarray(i,i+s),n),s},write(e,t,n,r,i){let a=e.hostContent||new Uint8Array,o=Math.max(a.length,i+r);if(o>a.length){let t=new Uint8Array(o);t.set(a),a=t,e.hostContent=a}return a.set(t.subarray(n,n+r),i),e.hostModified=!0,r},llseek(e,n,r){let i=n;if(r===1)i+=e.position;else if(r===2){let t=e.hostContent;i+=t?t.length:0}if(i<0)throw new t.ErrnoError(28);return i}}};return a}function ie(){return`
# HTTP bridge: jb_http module
# Write request JSON to /_jb_http/request (custom FS triggers HTTP via SharedArrayBuffer)
# Then read response JSON from same path.

import base64 as _base64

class _JbHttpResponse:
    """HTTP response object similar to requests.Response"""
    def __init__(self, data):
        self.status_code = data.get('status', 0)
        self.reason = data.get('statusText', '')
        # @banned-pattern-ignore: Python code, not JavaScript
        self.headers = data.get('headers', {})
        self.url = data.get('url', '')
        self._error = data.get('error')
        b64 = data.get('bodyBase64')
        if b64 is not None:
            self.content = _base64.b64decode(b64)
            self.text = self.content.decode('utf-8', errors='replace')
        else:
            self.content = b''
            self.text = data.get('body', '')

    @property
    def ok(self):
        return 200 <= self.status_code < 300

    def json(self):
        return json.loads(self.text)

    def raise_for_status(self):
        if self._error:
            raise Exception(self._error)
        if not self.ok:
            raise Exception(f"HTTP {self.status_code}: {self.reason}")

class _JbHttp:
    """HTTP client that bridges to just-bash's secureFetch via custom FS"""
    def _do_request(self, method, url, headers=None, body=None):
        import json as _json
        req = _json.dumps({'url': url, 'method': method, 'headers': headers, 'body': body})
        # Write request to HTTPFS — close triggers the HTTP call synchronously
        with _orig_open('/_jb_http/request', 'w') as f:
            f.write(req)
        # Read response (cached by HTTPFS from the HTTP call above)
        with _orig_open('/_jb_http/request', 'r') as f:
            return _json.loads(f.read())

    def request(self, method, url, headers=None, data=None, json_data=None):
        if json_data is not None:
            data = json.dumps(json_data)
            headers = headers or {}
            headers['Content-Type'] = 'application/json'
        result = self._do_request(method, url, headers, data)
        if 'error' in result and result.get('status') is None:
            raise Exception(result['error'])
        return _JbHttpResponse(result)

    def get(self, url, headers=None, **kwargs):
        return self.request('GET', url, headers=headers, **kwargs)

    def post(self, url, headers=None, data=None, json=None, **kwargs):
        return self.request('POST', url, headers=headers, data=data, json_data=json, **kwargs)

    def put(self, url, headers=None, data=None, json=None, **kwargs):
        return self.request('PUT', url, headers=headers, data=data, json_data=json, **kwargs)

    def delete(self, url, headers=None, **kwargs):
        return self.request('DELETE', url, headers=headers, **kwargs)

    def head(self, url, headers=None, **kwargs):
        return self.request('HEAD', url, headers=headers, **kwargs)

    def patch(self, url, headers=None, data=None, json=None, **kwargs):
        return self.request('PATCH', url, headers=headers, data=data, json_data=json, **kwargs)

import types
jb_http = types.ModuleType('jb_http')
jb_http._client = _JbHttp()
jb_http.get = jb_http._client.get
jb_http.post = jb_http._client.post
jb_http.put = jb_http._client.put
jb_http.delete = jb_http._client.delete
jb_http.head = jb_http._client.head
jb_http.patch = jb_http._client.patch
jb_http.request = jb_http._client.request
jb_http.Response = _JbHttpResponse
sys.modules['jb_http'] = jb_http
`}var ae=new Uint8Array(ne(J));function oe(e,t){let n=Object.create(null);if(!t||typeof t!=`object`)return n.success=!1,n.error=`Worker attempted to post non-object message`,n.protocolToken=e,n;for(let[e,r]of Object.entries(t))n[e]=r;return n.protocolToken=e,n}function Z(e,t){try{r?.postMessage(oe(e,t))}catch(e){console.debug(`[python3-worker] failed to post worker message:`,O(e))}}async function se(e){if(!H)return{success:!1,error:`Defense-in-depth module-loader guard failed to initialize; refusing to execute Python worker`};let t=new te(e.sharedBuffer,e.timeoutMs);K(q,`cpython-entry`);let n=z(q),r=!1,i=[],a=[],o;try{let s=0,c=k(`python3-worker`,`stdin`,()=>s<e.stdin.length?e.stdin.charCodeAt(s++):null),l=k(`python3-worker`,`preRun`,e=>{e.FS.init(c),e.FS.mkdirTree(`/lib`),e.FS.writeFile(`/lib/python313.zip`,ae),e.ENV.PYTHONHOME=`/`,e.ENV.PYTHONPATH=`/lib/python313.zip`}),u=k(`python3-worker`,`print`,e=>{r?t.writeStdout(`${e}
`):i.push(`${e}
`)}),d=k(`python3-worker`,`printErr`,e=>{typeof e==`string`&&(e.includes(`Could not find platform`)||e.includes(`LLVM Profile Error`))||(r?t.writeStderr(`${e}
`):a.push(`${e}
`))});o=await n({noInitialRun:!0,preRun:[l],print:u,printErr:d})}catch(e){return{success:!1,error:`Failed to load CPython: ${s(e.message)}`}}r=!0;for(let e of i)t.writeStdout(e);for(let e of a)t.writeStderr(e);let c=Y(t,o.FS,o.PATH,e.maxFileSize??8388608);try{o.FS.mkdir(`/host`),o.FS.mount(c,{root:`/`},`/host`)}catch(e){return{success:!1,error:`Failed to mount HOSTFS: ${s(e.message)}`}}let l=re(t,o.FS);try{o.FS.mkdir(`/_jb_http`),o.FS.mount(l,{root:`/`},`/_jb_http`)}catch(e){return{success:!1,error:`Failed to mount HTTPFS: ${s(e.message)}`}}let u=X(e),d=ie(),f=`
import sys
_jb_exit_code = 0
try:
${u.split(`
`).map(e=>`    ${e}`).join(`
`)}
${d.split(`
`).map(e=>`    ${e}`).join(`
`)}
${e.pythonCode.split(`
`).map(e=>`    ${e}`).join(`
`)}
except SystemExit as e:
    _jb_exit_code = e.code if isinstance(e.code, int) else (1 if e.code else 0)
except Exception as e:
    import traceback
    traceback.print_exc()
    _jb_exit_code = 1
sys.exit(_jb_exit_code)
`;try{o.FS.mkdir(`/tmp`)}catch{}let p=new TextEncoder,m=`/tmp/_jb_script.py`,h=p.encode(f);o.FS.writeFile(m,h);try{ce(e.protocolToken);let n=o.callMain([m]),r=(typeof n==`number`?n:0)||process.exitCode||0;return t.exit(r),{success:!0}}catch(e){let n=e.status??process.exitCode??1;return t.exit(n),{success:!0}}}var Q=null;function ce(e){if(Q)return;let t=Date.now,n={now:()=>t(),timeOrigin:t()};Object.defineProperty(globalThis,"performance",{value:n,writable:!0,configurable:!0}),Q=new D({excludeViolationTypes:[`shared_array_buffer`,`atomics`,`performance_timing`,`module_load`,`module_resolve_filename`],onViolation:k(`python3-worker`,`onViolation`,t=>{Z(e,{type:`security-violation`,violation:t})})})}process.on(`uncaughtException`,e=>{if(!$)return;let t=s(e.message);Z($,{success:!1,error:`Worker uncaught exception: ${t}`})});var $=null;if(r&&i){let e=i;$=e.protocolToken,se(e).then(t=>{t.defenseStats=Q?.getStats(),Z(e.protocolToken,t)}).catch(t=>{let n=O(t);Z(e.protocolToken,{success:!1,error:n,defenseStats:Q?.getStats()})})}