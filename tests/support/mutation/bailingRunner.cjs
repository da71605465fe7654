async function runUntilFailure() {}
module.exports = { runUntilFailure };
