// Loaded with `node --require` before Azurite: ends it when the process that started it is gone.
//
// The tests stop Azurite when the session ends. If pytest itself is killed, nothing would;
// this checks every second that the process in AZURITE_PARENT_PID still exists.
"use strict";

const parent = Number.parseInt(process.env.AZURITE_PARENT_PID || "", 10);
if (parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0); // signal 0: only checks that the process exists
    } catch (error) {
      if (error.code === "ESRCH") {
        process.exit(0);
      }
    }
  }, 1000).unref();
}
