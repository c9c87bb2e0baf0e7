// Looks up a datasource by uid in this Grafana. One place for it: Grafana 13 marks getDataSourceSrv deprecated in
// favour of @grafana/runtime/unstable, which older Grafanas (the app supports >= 12.3) do not have.
import { getDataSourceSrv } from '@grafana/runtime';

/** The datasource's name and type, or undefined when no datasource has that uid. */
export function findDatasource(uid: string): { name: string; type: string; uid: string } | undefined {
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const ds = getDataSourceSrv().getInstanceSettings(uid);
  return ds ? { name: ds.name, type: ds.type, uid: ds.uid } : undefined;
}
