/**
 * The Karamay district's disposal departments (处置部门) and street offices, as a new installation
 * starts its directory. Managers keep the directory in the settings (`departments`); once it has
 * names, a dispatch must name one of them (no more free text).
 */
export const KARAMAY_DEPARTMENTS: readonly string[] = [
  '克拉玛依区城市管理局',
  '城管执法局',
  '市政设施管理所',
  '环卫处',
  '园林绿化中心',
  '住建局',
  '交警大队',
  '水务集团',
  '热力公司',
  '公交公司',
  '消防救援大队',
  '生态环境局',
  '文体旅游局',
  '天山路街道办事处',
  '胜利路街道办事处',
  '昆仑路街道办事处',
  '银河路街道办事处',
  '五五新镇街道办事处',
  '迎宾街道办事处',
  '古海街道办事处',
  '街道办事处',
];
