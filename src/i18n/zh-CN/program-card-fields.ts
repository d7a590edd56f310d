import type { ProgramCardFieldsEntries } from '../en/program-card-fields.js';
import type { Translation } from '../text.js';

export const programCardFields = (): Translation<ProgramCardFieldsEntries> => ({
  templateId: '会员卡模板 ID（创建模板时返回的 template_id）',
  userId: '用户的支付宝用户 ID：以 2088 开头的 16 位数字',
  userIdType: 'ID 类型；仅支持 UID',
  outSerialNo: '商户分配的唯一请求流水号（默认：自动生成）',
  externalCardNo: '商户自己的卡号（OUT_MEMBER_CARD 时必填；默认：out_serial_no）',
  openDate: "开卡时间，'yyyy-MM-dd HH:mm:ss'（默认：当前时间，Asia/Shanghai）",
  validDate: "会员卡到期时间，'yyyy-MM-dd HH:mm:ss'（默认：取自模板的 DATE_IN_FUTURE 规则）",
  level: '会员卡等级，须为模板中定义的等级',
  point: '积分：数字，最多两位小数',
  balance: '余额，单位为元，两位小数',
  cardExtTemplateId: '该会员卡等级对应的模板',
  frontImageId: '卡面图片 ID，由 alipay.offline.material.image.upload 返回',
  mdcodeStatus: '动态码状态：SUCCESS、FAIL_RETRY 或 FAIL_NOT_RETRY',
  mdcodeValue: '动态码的值（SUCCESS 时必填）',
  mdcodeExpireTime: "动态码过期时间，'yyyy-MM-dd HH:mm:ss'（SUCCESS 时必填）",
  mdcodeTimeStamp: '动态码的生成时间，数字形式',
  memberName: '会员姓名',
  memberGender: 'MALE 或 FEMALE（API 字段拼写为 gende）',
  memberBirth: "生日，'yyyy-MM-dd'",
  memberCell: '手机号码',
  openCardChannel: '开卡渠道',
  openCardChannelId: '该渠道的 ID',
});
