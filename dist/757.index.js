export const id = 757;
export const ids = [757];
export const modules = {

/***/ 14757:
/***/ ((module) => {

module.exports = eval("require")("@mongodb-js/zstd");


/***/ })

};
