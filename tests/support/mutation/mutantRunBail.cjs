class MutantRunBail {
  startRun() {}
  handle() {}
}
module.exports = { MutantRunBail, mutantRunBail: new MutantRunBail() };
