# Stand-in for prom/prometheus (no registry is reachable here): Debian's prometheus package (2.42, older than the
# tag it stands for) laid out like the official image: binaries in /bin (= /usr/bin, merged /usr), config in /etc/prometheus, data in
# /prometheus owned by nobody, USER nobody, busybox as sh, wget and the rest of the shell tools. Built by standins.sh.
FROM debian:bookworm-slim
RUN apt-get update -qq \
  && apt-get install -y -qq --no-install-recommends prometheus busybox-static >/dev/null \
  && rm -rf /var/lib/apt/lists/* \
  && for t in sh wget awk; do ln -sf /bin/busybox /usr/bin/$t; done \
  && mkdir -p /prometheus /usr/share/prometheus \
  && chown nobody:nogroup /prometheus /etc/prometheus \
  && ln -sfn /etc/prometheus/console_libraries /usr/share/prometheus/console_libraries \
  && ln -sfn /etc/prometheus/consoles /usr/share/prometheus/consoles
USER nobody
EXPOSE 9090
VOLUME ["/prometheus"]
WORKDIR /prometheus
ENTRYPOINT ["/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
