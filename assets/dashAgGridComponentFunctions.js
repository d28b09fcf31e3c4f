/* Cell renderer for the table's source column: http(s) links only, opened safely in a new tab.
   Its words come from the loaded payload's messages (the page's language). */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

function atlasTableText(key) {
  const atlas = window.atlas;
  const data = atlas && atlas.data && atlas.data._ready.values().next().value;
  return data ? atlas.format.t(data.messages, key) : "";
}

dagcomponentfuncs.SourceLink = function (props) {
  const url = props.value || "";
  if (!/^https?:\/\//i.test(url)) {
    return React.createElement("span", {className: "text-muted"}, atlasTableText("table.no_link"));
  }
  return React.createElement(
    "a",
    {href: url, target: "_blank", rel: "noopener noreferrer", onClick: function (e) { e.stopPropagation(); }},
    atlasTableText("table.open")
  );
};
