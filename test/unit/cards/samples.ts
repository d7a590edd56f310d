/**
 * Request samples from the two API references, with the Chinese text their lengths were written for
 * (the English pages' translated examples overflow them: "Clock in" is 8 characters of String(6)).
 * Shared by the cards, gateway and e2e tests.
 */
export function templateSample(): Record<string, any> {
  return {
    request_id: 'req-20240501-0001',
    card_type: 'OUT_MEMBER_CARD',
    biz_no_prefix: 'prex',
    biz_no_suffix_len: '10',
    write_off_type: 'qrcode',
    template_style_info: {
      card_show_name: '花呗联名卡',
      logo_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC',
      color: 'rgb(55,112,179)',
      background_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC',
      bg_color: 'rgb(55,112,179)',
      front_text_list_enable: false,
      front_image_enable: false,
      feature_descriptions: ['使用花呗卡可享受免费分期'],
      slogan: '会员权益享不停',
      slogan_img_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC',
      brand_name: '可乐',
      banner_img_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC',
      banner_url: 'http://www.alipay.com',
      column_info_layout: 'list',
    },
    template_benefit_info: [
      { title: '消费即折扣', benefit_desc: ['消费即折扣'], start_date: '2016-07-18 15:17:23', end_date: '2026-07-30 12:12:12' },
    ],
    column_info_list: [
      {
        code: 'BENEFIT_INFO',
        operate_type: 'openWeb',
        title: '会员专享',
        value: '80',
        more_info: { title: '会员专享权益', url: 'http://www.alipay.com', params: '{}', descs: ['会员生日7折'] },
        icon_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC',
        tag: '热门',
        group_title: '校园助手',
      },
      { code: 'BALANCE', title: '余额' },
      { code: 'POINT', operate_type: 'staticinfo', title: '积分' },
    ],
    field_rule_list: [
      { field_name: 'Balance', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Balance' },
      { field_name: 'Point', rule_name: 'CONST', rule_value: '100' },
      { field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '10m' },
    ],
    service_label_list: ['Checklater'],
    shop_ids: ['2015122900077000000002409504'],
    open_card_conf: {
      open_card_source_type: 'ISV',
      source_app_id: '201609191111111',
      open_card_url: 'https://www.alipay.com',
      conf: '""',
      card_rights: [{ title: '积分换礼', detail: '积分随时查，积分换好礼' }],
    },
    pub_channels: [{ pub_channel: 'SHOP_DETAIL', ext_info: '"key":"value"' }],
    card_action_list: [{ code: 'TO_CLOCK_IN', text: '打卡', url: 'https://merchant.ali.com/ee/clock_in.do' }],
    card_level_conf: [
      { level: 'VIP1', level_show_name: '黄金会员', level_icon: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', level_desc: '黄金会员享免费停车' },
      { level: 'VIP2', level_show_name: '铂金会员', level_icon: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', level_desc: '铂金会员享免费停车和洗车' },
    ],
    mdcode_notify_conf: { url: 'https://www.ali123.com/ant/mdcode', ext_params: '{"param1":"value1","param2":"value2"}' },
    card_spec_tag: 'NONE',
  };
}

export function cardOpenSample(templateId: string, serial = '201606270000001'): Record<string, any> {
  return {
    out_serial_no: serial,
    card_template_id: templateId,
    card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' },
    card_ext_info: {
      external_card_no: `EXT-${serial}`,
      open_date: '2024-05-01 09:30:00',
      valid_date: '2030-05-01 09:30:00',
      level: 'VIP1',
      point: '88',
      balance: '124.89',
      front_text_list: [{ label: '专业', value: '金融贸易' }],
    },
    member_ext_info: { name: '张三', gende: 'FEMALE', birth: '1990-01-31', cell: '13000000000' },
  };
}
