/** The incident record's field reports (首报 / 续报 / 结案 with photos), on the dispatch board; merged as `incidentReports`. */
export const incidentReportsZhCN = {
  title: '现场报告',
  none: '应急员尚未报告',
  kind: { first: '首报', 'follow-up': '续报', closure: '结案' },
  photo: '照片 {n}：{kind} {time}',
  nPhotos: '{n} 张照片',
};

export const incidentReportsEn: typeof incidentReportsZhCN = {
  title: 'Field reports',
  none: 'No report from the responder yet',
  kind: { first: 'First report', 'follow-up': 'Follow-up', closure: 'Closure' },
  photo: 'Photo {n}: {kind} {time}',
  nPhotos: '{n} photos',
};
