// The hub's GraphQL explorer: GraphiQL 3 on React 18, loaded from the hub itself (index.html),
// opening with a tab on credentials and one tab per example operation of the README.
// Plain browser JavaScript, not compiled: React, ReactDOM and GraphiQL are the UMD globals.
/* global React, ReactDOM, GraphiQL */
'use strict';

(function () {
  const GRAPHQL = '/graphql';

  // GraphiQL's name for its own schema request (its introspectionQueryName default).
  const INTROSPECTION = 'IntrospectionQuery';

  // The first tab: how to use a role, and who gets the schema. Lines fit the query pane.
  function welcome(publicIntrospection) {
    const schema = publicIntrospection
      ? ['# This hub runs in development mode: everyone gets the', '# schema (the Docs pane, autocompletion).']
      : [
          '# The schema (the Docs pane, autocompletion) is for',
          '# analysts and above: with an analyst key in Headers,',
          '# press "Re-fetch GraphQL schema" (the circling arrows,',
          '# bottom left). Queries run without it.',
        ];
    return [
      "# The neighbourhood hub's GraphQL explorer, served by the",
      '# hub itself: it works with no internet.',
      '#',
      '# Without credentials you are a public caller. To use a',
      '# role, open Headers (below) and paste a key or token:',
      '#   {"Authorization": "Bearer nhk_..."}',
      '# or',
      '#   {"X-API-Key": "nhk_..."}',
      '# (npm run keys -- create --role analyst --label "..."',
      '# prints one). Headers are not saved in the browser.',
      '#',
      ...schema,
      '#',
      "# The README's examples are in the other tabs.",
      '# Run one with Ctrl-Enter.',
      '',
      'query Wards {',
      '  wards {',
      '    code',
      '    name',
      '  }',
      '}',
      '',
    ].join('\n');
  }

  // A refused schema request answers with the reason in words rather than the hub's JSON alone;
  // `data: null` stops GraphiQL from asking a second time without subscriptions.
  function explainRefusedSchema(result) {
    const codes = (result && result.errors ? result.errors : []).map((e) => e.extensions && e.extensions.code);
    if (!codes.includes('UNAUTHENTICATED') && !codes.includes('FORBIDDEN')) {
      return result;
    }
    return {
      data: null,
      errors: [
        {
          message:
            'This hub gives its schema (the Docs pane and autocompletion) to analysts and above, or to ' +
            'everyone when it runs with NODE_ENV=development. Put an analyst key in Headers, e.g. ' +
            '{"Authorization": "Bearer nhk_..."}, then press "Re-fetch GraphQL schema". Queries still run without it.',
          extensions: { code: codes[0] },
        },
        ...result.errors,
      ],
    };
  }

  function start(settings) {
    const hub = GraphiQL.createFetcher({ url: GRAPHQL });
    const fetcher = (params, options) => {
      const answer = hub(params, options);
      return params.operationName === INTROSPECTION ? Promise.resolve(answer).then(explainRefusedSchema) : answer;
    };
    const text = welcome(settings.publicIntrospection);
    const tabs = [{ query: text }].concat(
      settings.examples.map((e) => ({ query: e.query, variables: e.variables || undefined })),
    );
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultTabs: tabs,
        defaultQuery: text,
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: 'headers',
      }),
    );
  }

  fetch('/explorer/examples.json')
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .catch(() => ({ examples: [], publicIntrospection: false }))
    .then(start);
})();
