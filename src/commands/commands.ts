/*
 * The manifest's FunctionFile (commands.html). The only ribbon control opens the task pane
 * (ShowTaskpane), which Office handles itself, so no command functions are registered here.
 */
Office.onReady(() => {
  // Nothing to initialise until a ribbon button runs a function (ExecuteFunction).
});
