/**
 * The names of the score's seven blocks (docs/GLOSSARY.md), written once: the wall, the score page
 * and anything else that names a block use these.
 */
export const SCORE_BLOCKS_ZH_CN = {
  staffing: '人员保障',
  evaluatorQuality: '测评岗',
  responderQuality: '应急岗',
  contentQuality: '工单内容质量',
  dispatchAccuracy: '派单准确率',
  callbackRate: '回访率',
  logistics: '后勤保障',
};

export const SCORE_BLOCKS_EN: typeof SCORE_BLOCKS_ZH_CN = {
  staffing: 'Staffing',
  evaluatorQuality: 'Evaluators',
  responderQuality: 'Responders',
  contentQuality: 'Work-order content quality',
  dispatchAccuracy: 'Dispatch accuracy',
  callbackRate: 'Callback rate',
  logistics: 'Logistics',
};
