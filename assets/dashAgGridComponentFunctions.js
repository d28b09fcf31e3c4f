/* Cell renderer for the table's source column: http(s) links only, opened safely in a new tab. */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.SourceLink = function (props) {
  const url = props.value || "";
  if (!/^https?:\/\//i.test(url)) {
    return React.createElement("span", {className: "text-muted"}, "no link");
  }
  return React.createElement(
    "a",
    {href: url, target: "_blank", rel: "noopener noreferrer", onClick: function (e) { e.stopPropagation(); }},
    "open ↗"
  );
};
