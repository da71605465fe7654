module.exports = { killingOrder: (files) => files };
