# Stand-in for prom/alertmanager (no registry is reachable here): Debian's prometheus-alertmanager package (0.25,
# older than the tag it stands for) laid out like the official image: /bin/alertmanager and /bin/amtool, config in
# /etc/alertmanager, data in /alertmanager owned by nobody, USER nobody, busybox as sh, wget and awk. Debian's build
# also reads its default notification template from /usr/share/prometheus/alertmanager. Built by standins.sh.
FROM debian:bookworm-slim
RUN apt-get update -qq \
  && apt-get install -y -qq --no-install-recommends prometheus-alertmanager busybox-static >/dev/null \
  && rm -rf /var/lib/apt/lists/* \
  && for t in sh wget awk; do ln -sf /bin/busybox /usr/bin/$t; done \
  && ln -sf /usr/bin/prometheus-alertmanager /usr/bin/alertmanager \
  && mkdir -p /alertmanager /etc/alertmanager \
  && printf 'route:\n  receiver: default\nreceivers:\n  - name: default\n' >/etc/alertmanager/alertmanager.yml \
  && chown -R nobody:nogroup /alertmanager /etc/alertmanager \
  && test -f /usr/share/prometheus/alertmanager/default.tmpl
USER nobody
EXPOSE 9093
VOLUME ["/alertmanager"]
WORKDIR /alertmanager
ENTRYPOINT ["/bin/alertmanager"]
CMD ["--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager"]
