// GraphiQL against this server's /graphql. The console's sign-in token (kept in this browser session only) is sent
// when there is one; otherwise put {"Authorization": "Bearer <token>"} in the headers pane.
(function () {
  'use strict';
  var token = window.sessionStorage.getItem('fedcmdb.token');
  var headers = token ? { Authorization: 'Bearer ' + token } : {};
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql', headers: headers });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: '# fedcmdb: CIs, blast radius, changes and incidents.\n{\n  viewer { name effectiveRoles }\n  cis(first: 5) { totalCount edges { node { id name class status } } }\n}\n',
    defaultHeaders: token ? '' : '{"Authorization": "Bearer <token>"}',
    shouldPersistHeaders: false
  }));
})();
