/* Functions the table's column definitions name: the date as precisely as it is known.
   Why: AG Grid sorts the hidden key (ISO date + precision), and shows this label instead. */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

dagfuncs.atlasDateLabel = function (params) {
  return params.data ? params.data.date_label : "";
};
